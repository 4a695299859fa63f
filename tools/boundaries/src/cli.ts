/**
 * Prints every broken module boundary of the workspace, one line each, and exits 1 if there is
 * any (`make boundaries`). Arguments, if given, restrict the ESLint part to those files; `--json`
 * prints the list as JSON instead.
 */
import { checkBoundaries } from "./check.js";
import { formatViolation } from "./violation.js";

const args = process.argv.slice(2);
const json = args.includes("--json");
const files = args.filter((arg) => arg !== "--json");
const violations = await checkBoundaries(files.length > 0 ? { files } : {});
if (json) process.stdout.write(`${JSON.stringify(violations, null, 1)}\n`);
else {
  for (const violation of violations) process.stdout.write(`${formatViolation(violation)}\n`);
  process.stdout.write(violations.length === 0 ? "module boundaries: all hold\n" : `module boundaries: ${violations.length} broken\n`);
}
process.exitCode = violations.length === 0 ? 0 : 1;
