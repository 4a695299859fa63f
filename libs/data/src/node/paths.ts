import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * The repository root: `PD_ROOT` when set, else the nearest folder above the working directory
 * that holds `nx.json`, else the working directory. Every default path derives from it so that
 * commands, notebooks and tests agree wherever they are started from.
 */
export function repoRoot(from: string = process.cwd()): string {
  if (process.env.PD_ROOT) return resolve(process.env.PD_ROOT);
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, "nx.json"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(from);
    dir = parent;
  }
}

/** Where downloads land: `PD_DATA_DIR`, else `<repo>/data/raw` (git-ignored). */
export function dataDir(): string {
  return process.env.PD_DATA_DIR ? resolve(process.env.PD_DATA_DIR) : join(repoRoot(), "data", "raw");
}

/** The committed manifest of upstream artifacts. */
export function manifestPath(): string {
  return join(repoRoot(), "data", "manifest.json");
}
