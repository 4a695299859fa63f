// The vitest config of one Stryker run in `make mutation`: the config of the project under test
// (MUTATION_PROJECT), with only the module's own test files (MUTATION_TESTS, a JSON list of paths
// relative to the project). tools/mutation/run.mjs sets both.
//
// The test files are chosen here rather than through Stryker's `testFiles` option: with that
// option Stryker 9.6 activates a static mutant (one in code that runs when the module loads, such
// as a schema or a table of constants) only after the module has loaded, so every such mutant
// survives whatever the tests check (stryker-js#6144).
import { resolve } from "node:path";
import { loadConfigFromFile } from "vite";
import { defineConfig, type UserConfig } from "vitest/config";

export default defineConfig(async (env) => {
  const project = process.env.MUTATION_PROJECT;
  const tests = process.env.MUTATION_TESTS;
  if (!project || !tests) throw new Error("tools/mutation/vitest.config.ts needs MUTATION_PROJECT and MUTATION_TESTS (set by tools/mutation/run.mjs)");
  const loaded = await loadConfigFromFile(env, resolve(project, "vitest.config.ts"));
  if (loaded === null) throw new Error(`no vitest config in ${project}`);
  const config = loaded.config as UserConfig;
  return { ...config, test: { ...config.test, include: JSON.parse(tests) as string[] } };
});
