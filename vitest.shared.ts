// Shared vitest settings. Tests run against TypeScript sources: the custom export condition
// `@prefdissect/source` points each workspace package at `src/index.ts`, so no build is needed.
import { defaultServerConditions, defaultClientConditions } from "vite";
import { defineConfig } from "vitest/config";
import { basename, join } from "node:path";

const sourceCondition = "@prefdissect/source";

export interface ProjectOptions {
  /**
   * The project has tests that read upstream files: fetch them once per run before the tests are
   * collected (vitest.upstream-setup.ts; PD_MIRROR or the network) and skip those tests, with the
   * reason, when neither is there.
   */
  readonly upstream?: boolean;
}

export function projectConfig(projectDir: string, options: ProjectOptions = {}) {
  const name = basename(projectDir);
  return defineConfig({
    resolve: { conditions: [sourceCondition, ...defaultClientConditions] },
    ssr: { resolve: { conditions: [sourceCondition, ...defaultServerConditions] } },
    test: {
      include: ["test/**/*.test.ts"],
      environment: "node",
      globalSetup: options.upstream ? [join(import.meta.dirname, "vitest.upstream-setup.ts")] : [],
      testTimeout: 60_000,
      reporters: ["default", "json"],
      outputFile: { json: `${projectDir}/../../reports/vitest/${name}.json` },
    },
  });
}
