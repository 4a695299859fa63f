#!/usr/bin/env node
// `make mutation`: StrykerJS over the modules whose wrongness would silently change published
// numbers or lose data. One Stryker run per module and project (the vitest runner with that
// project's config and only the module's own test files, and the TypeScript checker), then one
// score per module: killed (or timed out) over all mutants that compiled. Exits non-zero when a
// module scores below MIN_SCORE. Not part of `make test`.
// Usage: node tools/mutation/run.mjs [module ...]   (claims fetcher store features kfold similarity; default all)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { Stryker } from "@stryker-mutator/core";

const MIN_SCORE = 80;
/** Test runners at once; MUTATION_CONCURRENCY=1 on a machine that others share. */
const CONCURRENCY = Number(process.env.MUTATION_CONCURRENCY ?? 2);

/**
 * What is mutated, grouped the way docs/testing.md reports it. `name` selects a module on the
 * command line (`make mutation MODULES="claims kfold"`). `tests` are the test files that pin the
 * module: only they run against its mutants. The other tests in the project exercise the module
 * only on the way to something else (the parity fits, a full dataset load), take minutes per
 * mutant on two cores, and would hide a module whose own tests are weak.
 */
const MODULES = [
  { name: "claims", title: "the claims", project: "libs/report", files: ["libs/report/src/claims.ts"], tests: ["libs/report/test/claims.test.ts"] },
  {
    name: "fetcher",
    title: "fetcher and manifest",
    project: "libs/data",
    files: ["libs/data/src/node/fetcher.ts", "libs/data/src/manifest.ts"],
    tests: ["libs/data/test/fetcher.test.ts", "libs/data/test/fetcher-http.test.ts", "libs/data/test/artifacts.test.ts"],
  },
  {
    name: "store",
    title: "atomic writer and fit store",
    project: "libs/data",
    files: ["libs/data/src/node/files.ts"],
    tests: ["libs/data/test/atomic-write.test.ts", "libs/data/test/atomic-write-enospc.test.ts", "libs/data/test/files.test.ts"],
  },
  {
    name: "store",
    title: "atomic writer and fit store",
    project: "libs/refit",
    files: ["libs/refit/src/node/store.ts"],
    tests: ["libs/refit/test/store.test.ts"],
  },
  {
    name: "features",
    title: "comparison features",
    project: "libs/data",
    files: ["libs/data/src/dataset/features.ts"],
    tests: ["libs/data/test/dataset-features.test.ts"],
  },
  {
    name: "kfold",
    title: "k-fold",
    project: "libs/regression",
    files: ["libs/regression/src/kfold.ts"],
    tests: ["libs/regression/test/kfold.test.ts", "libs/regression/test/validate.test.ts"],
  },
  {
    name: "similarity",
    title: "similarity",
    project: "libs/similarity",
    files: ["libs/similarity/src/similarity.ts", "libs/similarity/src/preference.ts", "libs/similarity/src/profile.ts"],
    tests: ["libs/similarity/test/similarity.test.ts", "libs/similarity/test/profile.test.ts"],
  },
];

const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !MODULES.some((module) => module.name === name));
if (unknown.length > 0) {
  console.error(`unknown module(s): ${unknown.join(", ")} (known: ${[...new Set(MODULES.map((m) => m.name))].join(", ")})`);
  process.exit(2);
}
const selected = MODULES.filter((module) => wanted.length === 0 || wanted.includes(module.name));

/**
 * Drops the static mutants that survived from an incremental file, so that they run again. Stryker
 * reuses a static mutant's last result until its code changes, even when a test that would now
 * kill it was added since (it knows no tests that cover it; stryker-js#6119).
 */
function forgetStaticSurvivors(incrementalFile) {
  if (!existsSync(incrementalFile)) return;
  const report = JSON.parse(readFileSync(incrementalFile, "utf8"));
  for (const file of Object.values(report.files)) file.mutants = file.mutants.filter((mutant) => !(mutant.static && UNDETECTED.has(mutant.status)));
  writeFileSync(incrementalFile, JSON.stringify(report));
}

mkdirSync("reports/mutation", { recursive: true });
/** file -> results of its mutants */
const resultsByFile = new Map();
for (const { name: module, project, files: mutate, tests } of selected) {
  const name = `${module}-${project.split("/").pop()}`;
  const incrementalFile = `reports/mutation/${name}.incremental.json`;
  forgetStaticSurvivors(incrementalFile);
  console.log(`\n== mutation testing ${mutate.join(", ")} with ${tests.join(", ")}`);
  // The test runners are child processes: they read these when they load the vitest config.
  process.env.MUTATION_PROJECT = project;
  process.env.MUTATION_TESTS = JSON.stringify(tests.map((test) => relative(project, test)));
  const stryker = new Stryker({
    testRunner: "vitest",
    // Only the module's tests, chosen in this config rather than with `testFiles` (see there).
    vitest: { configFile: "tools/mutation/vitest.config.ts", dir: project },
    checkers: ["typescript"],
    // The checker type-checks each mutant; leave the sandbox's files as they are otherwise (a
    // test compares the generated WebAssembly module byte for byte with its source).
    disableTypeChecks: false,
    tsconfigFile: join(project, "tsconfig.json"),
    typescriptChecker: { prioritizePerformanceOverAccuracy: true },
    plugins: ["@stryker-mutator/vitest-runner", "@stryker-mutator/typescript-checker"],
    mutate,
    coverageAnalysis: "perTest",
    concurrency: CONCURRENCY,
    timeoutMS: 30_000,
    reporters: ["clear-text", "progress-append-only", "html", "json"],
    htmlReporter: { fileName: `reports/mutation/${name}.html` },
    jsonReporter: { fileName: `reports/mutation/${name}.json` },
    tempDirName: `.stryker-tmp/${name}`,
    // data/cache stays out so that the sandbox's tests fetch upstream files the way PD_MIRROR says.
    ignorePatterns: ["/reports", "/figures", "/data/raw", "/data/derived", "/data/cache", "/.jupyter", "/notebooks", "**/dist"],
    // Reruns test only the mutants whose code or tests changed since the last run.
    incremental: true,
    incrementalFile,
  });
  for (const result of await stryker.runMutationTest()) {
    if (!resultsByFile.has(result.fileName)) resultsByFile.set(result.fileName, []);
    resultsByFile.get(result.fileName).push(result);
  }
}

const scores = [];
for (const name of [...new Set(selected.map((module) => module.name))]) {
  const parts = selected.filter((module) => module.name === name);
  const files = parts.flatMap((module) => module.files);
  const results = files.flatMap((file) => [...resultsByFile].filter(([path]) => path.endsWith(file)).flatMap(([, rs]) => rs));
  const detected = results.filter((r) => DETECTED.has(r.status)).length;
  const undetected = results.filter((r) => UNDETECTED.has(r.status));
  const score = detected + undetected.length === 0 ? 100 : (100 * detected) / (detected + undetected.length);
  scores.push({ module: name, title: parts[0].title, score, detected, undetected: undetected.length, files });
}

console.log("\nmutation score per module (killed or timed out / all that compiled):");
for (const { module, title, score, detected, undetected } of scores) {
  console.log(`  ${module.padEnd(11)} ${title.padEnd(28)} ${score.toFixed(1).padStart(5)} %  (${detected} killed, ${undetected} survived or not covered)`);
}
writeFileSync("reports/mutation/scores.json", JSON.stringify(scores, null, 2) + "\n");
const low = scores.filter((s) => s.score < MIN_SCORE);
if (low.length > 0) {
  console.log(`below ${MIN_SCORE} %: ${low.map((s) => s.module).join(", ")}`);
  process.exit(1);
}
console.log(`every module at or above ${MIN_SCORE} %`);
