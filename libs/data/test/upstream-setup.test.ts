// The test run's own preparation of upstream files (vitest.upstream-setup.ts): when it skips,
// when it fails, and that it goes through the fetcher's checks.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { prepareUpstreamFiles } from "../../../vitest.upstream-setup.js";
import { UPSTREAM_UNAVAILABLE, describeUpstream, upstreamMirror } from "../../../vitest.upstream.js";
import { defaultArtifactIds } from "../src/node.js";
import { asyncFailure } from "./failure.js";

const temp = () => mkdtempSync(join(tmpdir(), "pd-upstream-"));

/** A fetch that answers every request with `respond` and counts the requests. */
function fakeFetch(respond: () => Response | Promise<Response>): typeof fetch & { calls: number } {
  const impl = Object.assign(async () => {
    impl.calls += 1;
    return respond();
  }, { calls: 0 });
  return impl as unknown as typeof fetch & { calls: number };
}

describe("prepareUpstreamFiles()", () => {
  beforeEach(() => {
    // The fetcher falls back to PD_MIRROR; these cases are about the download path.
    vi.stubEnv("PD_MIRROR", "");
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("gives the skip reason after one failed download when there is no network", async () => {
    const fetchImpl = fakeFetch(() => Promise.reject(new TypeError("fetch failed")));
    const dataDir = temp();
    const { upstream, note } = await prepareUpstreamFiles({ dataDir, mirror: undefined, fetchImpl });
    expect(upstream).toEqual({ dataDir: null, reason: "upstream files unavailable: set PD_MIRROR or allow network" });
    expect(upstream.reason).toBe(UPSTREAM_UNAVAILABLE);
    expect(note).toMatch(/^upstream files unavailable: set PD_MIRROR or allow network \(could not download https:\/\/.* \(fetch failed\)/);
    expect(fetchImpl.calls).toBe(1);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it("also skips when a host answers with an error status", async () => {
    const fetchImpl = fakeFetch(() => new Response("not here", { status: 404, statusText: "Not Found" }));
    const { upstream } = await prepareUpstreamFiles({ dataDir: temp(), mirror: undefined, fetchImpl });
    expect(upstream.dataDir).toBeNull();
    expect(fetchImpl.calls).toBe(1);
  });

  it("fails, rather than skips, on a download whose checksum is wrong", async () => {
    const fetchImpl = fakeFetch(() => new Response("tampered"));
    const error = await asyncFailure(() => prepareUpstreamFiles({ dataDir: temp(), mirror: undefined, fetchImpl }));
    expect(error.code).toBe("checksum-mismatch");
  });

  it("fails, rather than skips, when PD_MIRROR names a folder without the files", async () => {
    const mirror = temp();
    const error = await asyncFailure(() => prepareUpstreamFiles({ dataDir: temp(), mirror }));
    expect(error.code).toBe("mirror-missing");
    expect(error.message).toContain(mirror);
  });
});

describeUpstream("prepareUpstreamFiles() with the files at hand", () => {
  it("copies every pinned file from a mirror, then reuses the verified copies without the mirror or a network", async () => {
    const dataDir = temp();
    const first = await prepareUpstreamFiles({ dataDir, mirror: upstreamMirror() });
    expect(first.upstream).toEqual({ dataDir, reason: null });
    expect(first.note).toMatch(/^upstream files: 21 verified in .* \(from PD_MIRROR=/);
    const offline = fakeFetch(() => Promise.reject(new TypeError("fetch failed")));
    vi.stubEnv("PD_MIRROR", "");
    try {
      const again = await prepareUpstreamFiles({ dataDir, mirror: undefined, fetchImpl: offline });
      expect(again.upstream.dataDir).toBe(dataDir);
      expect(offline.calls).toBe(0);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(defaultArtifactIds()).toHaveLength(21);
  });
});
