// Unit tests run in Node; the browser tests (test/*.browser.test.ts) drive Debian's Chromium with
// playwright-core against the site built from the upstream files (test/global-setup.ts, after the
// shared upstream setup has fetched them), served on loopback. One file at a time: the
// browser and the fits in its workers want both cores.
import { mergeConfig } from "vitest/config";
import { projectConfig } from "../../vitest.shared.js";

export default mergeConfig(projectConfig(import.meta.dirname, { upstream: true }), {
  test: {
    globalSetup: ["./test/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
