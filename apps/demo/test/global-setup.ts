/**
 * Before the browser tests: a Chromium must be there (tools/ensure-chromium.sh installs Debian's
 * with apt when missing, as root) and the site must be built (nx runs the demo's build first).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { chromiumPath } from "../scripts/site.js";

declare module "vitest" {
  export interface ProvidedContext {
    chromium: string;
  }
}

export default function setup(project: TestProject): void {
  const chromium = chromiumPath();
  if (!existsSync(join(import.meta.dirname, "..", "dist", "index.html"))) {
    throw new Error("apps/demo/dist/index.html is missing: build the site first (make demo-build, or nx run @prefdissect/demo:test, which builds it)");
  }
  project.provide("chromium", chromium);
}
