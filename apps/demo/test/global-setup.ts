/**
 * Before the browser tests, which run on the released weights: when the upstream files are there
 * (vitest.upstream-setup.ts has fetched them into its cache, from PD_MIRROR or the pinned URLs),
 * build the site from them (the package's build script, reading that cache through PD_DATA_DIR)
 * and make sure a Chromium is installed (tools/ensure-chromium.sh installs Debian's with apt when
 * missing, as root). Without them there is nothing to bundle: the browser tests are skipped with
 * the upstream reason, and the unit tests run as always.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { chromiumPath } from "../scripts/site.js";

declare module "vitest" {
  export interface ProvidedContext {
    chromium: string;
  }
}

export default function setup(project: TestProject): void {
  const { upstream } = project.getProvidedContext();
  if (upstream?.dataDir == null) return;
  const demo = join(import.meta.dirname, "..");
  console.log(`building the demo site from the upstream files in ${upstream.dataDir}`);
  execFileSync("npm", ["run", "build"], { cwd: demo, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, PD_DATA_DIR: upstream.dataDir } });
  project.provide("chromium", chromiumPath());
}
