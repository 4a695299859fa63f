#!/usr/bin/env node
// Sums the vitest JSON reports under reports/vitest/ and prints the closing line
// `N passed, N failed` that CI reads. Skipped tests are listed above it, grouped by the reason
// their block gave (vitest.upstream.ts), so a skip is never silent. Exits non-zero when any test
// failed or no report exists.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join, relative } from "node:path";

const dir = process.argv[2] ?? "reports/vitest";
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")) : [];
let passed = 0;
let failed = 0;
/** reason -> full names of the tests skipped for it */
const skipped = new Map();
for (const file of files.sort()) {
  const project = file.replace(/\.json$/, "");
  const report = JSON.parse(readFileSync(join(dir, file), "utf8"));
  // A file that failed outside its tests (collection, a hook) counts once, as its tests may show as skipped.
  const fileFailures = (report.testResults ?? []).filter((r) => r.status === "failed" && !(r.assertionResults ?? []).some((a) => a.status === "failed")).length;
  let projectSkipped = 0;
  for (const result of report.testResults ?? []) {
    for (const test of result.assertionResults ?? []) {
      if (test.status !== "skipped" && test.status !== "pending" && test.status !== "todo") continue;
      const reason = test.meta?.skipReason ?? "no reason given";
      if (!skipped.has(reason)) skipped.set(reason, []);
      skipped.get(reason).push(`${project}: ${relative(process.cwd(), result.name)} > ${test.fullName}`);
      projectSkipped += 1;
    }
  }
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + fileFailures;
  const skippedText = projectSkipped ? `, ${projectSkipped} skipped` : "";
  console.log(`${project.padEnd(12)} ${report.numPassedTests} passed, ${report.numFailedTests + fileFailures} failed${skippedText}`);
}
if (files.length === 0) {
  console.log("no test reports found in " + dir);
  failed += 1;
}
let skippedCount = 0;
for (const [reason, tests] of skipped) {
  console.log(`\nskipped (${tests.length}), ${reason}:`);
  for (const test of tests) console.log(`  ${test}`);
  skippedCount += tests.length;
}
if (skippedCount > 0) console.log(`\n${skippedCount} skipped`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
