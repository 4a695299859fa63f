// Upstream files (the released weights, the group index, the authors' sample pairs) in tests.
// vitest.upstream-setup.ts fetches them once per run through the project's own fetcher into a
// cache folder and hands the result to the test workers; this module is the test side. Whether
// the files are there is known before any test file is collected, so a block that needs them is
// skipped synchronously, with the reason attached to each of its tests (tools/test-summary.mjs
// lists them), and every other test in the same file still runs.
import { copyFileSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, inject } from "vitest";
import { artifactPath, defaultArtifactIds, manifestEntry, mirrorPath } from "@prefdissect/data/node";

/** What the global setup found. */
export interface UpstreamFiles {
  /** Folder with verified copies, laid out like data/raw; null when they could not be had. */
  readonly dataDir: string | null;
  /** Why they could not be had; null when they are there. */
  readonly reason: string | null;
}

declare module "vitest" {
  export interface ProvidedContext {
    upstream: UpstreamFiles;
  }
  export interface TaskMeta {
    /** The test reads upstream files (written to the JSON report, run or skipped). */
    upstream?: boolean;
    /** Why a statically skipped test did not run (written to the JSON report). */
    skipReason?: string;
  }
}

/** The one reason upstream-data tests are skipped for. */
export const UPSTREAM_UNAVAILABLE = "upstream files unavailable: set PD_MIRROR or allow network";

function upstreamFiles(): UpstreamFiles {
  const upstream = inject("upstream");
  if (upstream === undefined) {
    throw new Error("this project's vitest config does not prepare upstream files: use projectConfig(dir, { upstream: true })");
  }
  return upstream;
}

/**
 * The folder holding the verified upstream files, for `dataDir` options of the fetcher and the
 * loaders. Only call it inside a `describeUpstream` block (or its hooks), where it is known to exist.
 */
export function upstreamDataDir(): string {
  const { dataDir, reason } = upstreamFiles();
  if (dataDir === null) throw new Error(`upstreamDataDir() called outside a describeUpstream block: ${reason}`);
  return dataDir;
}

/** A describe block whose tests need upstream files: skipped, with the reason, when they are absent. */
export function describeUpstream(name: string, body: () => void): void {
  const { dataDir, reason } = upstreamFiles();
  if (dataDir !== null) describe(name, { meta: { upstream: true } }, body);
  else describe(name, { skip: true, meta: { upstream: true, skipReason: reason ?? UPSTREAM_UNAVAILABLE } }, body);
}

/** A fresh mirror folder (`<host>/<path>`) holding the verified copies, for tests of the mirror path. */
export function upstreamMirror(): string {
  const dataDir = upstreamDataDir();
  const mirror = mkdtempSync(join(tmpdir(), "pd-test-mirror-"));
  for (const id of defaultArtifactIds()) {
    const entry = manifestEntry(id);
    const target = mirrorPath(mirror, entry.url);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(artifactPath(entry, dataDir), target);
  }
  return mirror;
}
