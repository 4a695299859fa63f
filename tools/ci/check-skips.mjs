#!/usr/bin/env node
// Checks which tests a `make test` run skipped, from its vitest JSON reports (reports/vitest/).
//   none      nothing was skipped, and the upstream-data tests ran (PD_MIRROR set or a network)
//   upstream  exactly the upstream-data tests were skipped, each with the reason vitest.upstream.ts
//             gives (no mirror, no network); or nothing was, when a network fetched the files
// Exits non-zero, naming the offending tests, when the run does not match.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const [dir = "reports/vitest", expect = "none"] = process.argv.slice(2);
const REASON = "upstream files unavailable: set PD_MIRROR or allow network";

const tests = readdirSync(dir)
  .filter((file) => file.endsWith(".json"))
  .flatMap((file) => JSON.parse(readFileSync(join(dir, file), "utf8")).testResults.flatMap((result) => result.assertionResults));
const skipped = tests.filter((test) => test.status !== "passed" && test.status !== "failed");
const upstream = tests.filter((test) => test.meta?.upstream === true);

const problems = [];
if (upstream.length === 0) problems.push("no test is marked as reading upstream files");
if (expect === "none" || skipped.length === 0) {
  for (const test of skipped) problems.push(`skipped: ${test.fullName} (${test.meta?.skipReason ?? "no reason given"})`);
} else if (expect === "upstream") {
  for (const test of skipped) {
    if (test.meta?.upstream !== true) problems.push(`skipped but needs no upstream files: ${test.fullName}`);
    else if (test.meta.skipReason !== REASON) problems.push(`skipped for another reason: ${test.fullName} (${test.meta.skipReason})`);
  }
  for (const test of upstream) if (!skipped.includes(test)) problems.push(`ran without upstream files: ${test.fullName}`);
} else {
  problems.push(`unknown expectation "${expect}" (none or upstream)`);
}

if (problems.length > 0) {
  console.log(problems.join("\n"));
  console.log(`skip check (${expect}): ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(
  skipped.length === 0
    ? `skip check (${expect}): nothing skipped; the ${upstream.length} upstream-data tests ran`
    : `skip check (${expect}): exactly the ${skipped.length} upstream-data tests skipped, each with "${REASON}"`,
);
