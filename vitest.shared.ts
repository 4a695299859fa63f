// Shared vitest settings. Tests run against TypeScript sources: the custom export condition
// `@prefdissect/source` points each workspace package at `src/index.ts`, so no build is needed.
import { defaultServerConditions, defaultClientConditions } from "vite";
import { defineConfig } from "vitest/config";
import { existsSync } from "node:fs";
import { basename, resolve } from "node:path";

const sourceCondition = "@prefdissect/source";

/**
 * Tests that read upstream files go through the fetcher. Without network they need a mirror: use
 * PD_MIRROR when set, else the `shared/mirror` folder that sits beside a checkout in CI.
 */
function testMirror(): Record<string, string> {
  if (process.env.PD_MIRROR) return {};
  const beside = resolve(import.meta.dirname, "..", "shared", "mirror");
  return existsSync(beside) ? { PD_MIRROR: beside } : {};
}

export function projectConfig(projectDir: string) {
  const name = basename(projectDir);
  return defineConfig({
    resolve: { conditions: [sourceCondition, ...defaultClientConditions] },
    ssr: { resolve: { conditions: [sourceCondition, ...defaultServerConditions] } },
    test: {
      include: ["test/**/*.test.ts"],
      environment: "node",
      env: testMirror(),
      testTimeout: 60_000,
      reporters: ["default", "json"],
      outputFile: { json: `${projectDir}/../../reports/vitest/${name}.json` },
    },
  });
}
