#!/usr/bin/env node
// Sums the vitest JSON reports under reports/vitest/ and prints the closing line
// `N passed, N failed` that CI reads. Exits non-zero when any test failed or no report exists.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2] ?? "reports/vitest";
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")) : [];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of files.sort()) {
  const report = JSON.parse(readFileSync(join(dir, file), "utf8"));
  const fileFailures = (report.testResults ?? []).filter((r) => r.status === "failed" && (r.assertionResults ?? []).length === 0).length;
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + fileFailures;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  console.log(`${file.replace(/\.json$/, "").padEnd(12)} ${report.numPassedTests} passed, ${report.numFailedTests + fileFailures} failed`);
}
if (files.length === 0) {
  console.log("no test reports found in " + dir);
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
process.exit(failed > 0 ? 1 : 0);
