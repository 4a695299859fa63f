// Shared vitest settings. Tests run against TypeScript sources: the custom export condition
// `@prefdissect/source` points each workspace package at `src/index.ts`, so no build is needed.
import { defaultServerConditions, defaultClientConditions } from "vite";
import { defineConfig } from "vitest/config";
import { basename } from "node:path";

const sourceCondition = "@prefdissect/source";

export function projectConfig(projectDir: string) {
  const name = basename(projectDir);
  return defineConfig({
    resolve: { conditions: [sourceCondition, ...defaultClientConditions] },
    ssr: { resolve: { conditions: [sourceCondition, ...defaultServerConditions] } },
    test: {
      include: ["test/**/*.test.ts"],
      environment: "node",
      testTimeout: 60_000,
      reporters: ["default", "json"],
      outputFile: { json: `${projectDir}/../../reports/vitest/${name}.json` },
    },
  });
}
