// Global setup of the projects whose tests read upstream files (projectConfig(dir, { upstream: true })).
// Every file the manifest pins by sha256 goes through the project's own fetcher into
// data/cache/upstream (git-ignored): from PD_MIRROR when it is set, else from the pinned URLs.
// Copies already in the cache are verified again, not fetched again. When there is neither a
// mirror nor a network, the tests that need the files are skipped with UPSTREAM_UNAVAILABLE; a
// broken mirror or a checksum mismatch fails the run instead, as it would fail `pd fetch`.
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { defaultArtifactIds, fetchArtifact, manifestEntry } from "@prefdissect/data/node";
import { isPrefDissectError } from "@prefdissect/shared";
import { UPSTREAM_UNAVAILABLE, type UpstreamFiles } from "./vitest.upstream.js";

/** Where the verified copies go. */
export const UPSTREAM_CACHE = join(import.meta.dirname, "data", "cache", "upstream");

/** A download that has not finished by then counts as no network (the largest pinned file is 130 kB). */
const DOWNLOAD_TIMEOUT_MS = 30_000;

const timedFetch: typeof fetch = (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });

export interface PrepareOptions {
  readonly dataDir: string;
  /** Mirror folder (<host>/<path>); without it the files are downloaded. */
  readonly mirror: string | undefined;
  readonly fetchImpl?: typeof fetch;
}

/** Fetches the pinned files into `dataDir`; `note` says where they came from or why they could not be had. */
export async function prepareUpstreamFiles(options: PrepareOptions): Promise<{ upstream: UpstreamFiles; note: string }> {
  const { dataDir, mirror } = options;
  const ids = defaultArtifactIds();
  for (const id of ids) {
    try {
      await fetchArtifact(manifestEntry(id), { dataDir, mirror, fetchImpl: options.fetchImpl ?? timedFetch });
    } catch (error) {
      // Without a mirror, a download that cannot reach its host means no network: skip, and stop
      // trying the other files. Anything else (a mirror without the file, a wrong checksum) fails.
      if (mirror === undefined && isPrefDissectError(error) && (error.code === "network" || error.code === "http")) {
        return { upstream: { dataDir: null, reason: UPSTREAM_UNAVAILABLE }, note: `${UPSTREAM_UNAVAILABLE} (${error.message})` };
      }
      throw error;
    }
  }
  const from = mirror === undefined ? "the pinned URLs" : `PD_MIRROR=${mirror}`;
  return { upstream: { dataDir, reason: null }, note: `upstream files: ${ids.length} verified in ${dataDir} (from ${from}, or already cached)` };
}

export default async function setup(project: TestProject): Promise<void> {
  const { upstream, note } = await prepareUpstreamFiles({ dataDir: UPSTREAM_CACHE, mirror: process.env.PD_MIRROR || undefined });
  console.log(note);
  project.provide("upstream", upstream);
}
