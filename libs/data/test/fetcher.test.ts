import { mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { PrefDissectError } from "@prefdissect/shared";
import type { ManifestEntry } from "../src/index.js";
import { fetchArtifact, mirrorPath, sha256 } from "../src/node.js";

const body = new TextEncoder().encode('{"model_name":"human"}\n');
const entry: ManifestEntry = {
  id: "weights-Code",
  description: "test",
  url: "https://example.org/repo/abc/model_Code%20Extra_fitted_paras.jsonl",
  path: "repo/model_Code Extra_fitted_paras.jsonl",
  bytes: body.byteLength,
  sha256: sha256(body),
};

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "pd-fetch-"));
}

function makeMirror(bytes: Uint8Array): string {
  const mirror = tempDir();
  const path = mirrorPath(mirror, entry.url);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return mirror;
}

describe("fetchArtifact()", () => {
  it("copies from a mirror laid out as <host>/<decoded path>", async () => {
    const mirror = makeMirror(body);
    expect(mirrorPath(mirror, entry.url)).toBe(join(mirror, "example.org/repo/abc/model_Code Extra_fitted_paras.jsonl"));
    const dataDir = tempDir();
    const path = await fetchArtifact(entry, { dataDir, mirror });
    expect(readFileSync(path)).toEqual(Buffer.from(body));
  });

  it("refuses a checksum mismatch, naming file, expected and actual, and leaves nothing behind", async () => {
    const mirror = makeMirror(new TextEncoder().encode("tampered"));
    const dataDir = tempDir();
    await expect(fetchArtifact(entry, { dataDir, mirror })).rejects.toThrow(
      new RegExp(`checksum mismatch for repo/model_Code Extra_fitted_paras.jsonl .*expected sha256 ${entry.sha256}, got ${sha256(new TextEncoder().encode("tampered"))}`),
    );
    expect(existsSync(join(dataDir, "repo"))).toBe(false);
  });

  it("downloads over HTTP when there is no mirror, streaming progress", async () => {
    const events: number[] = [];
    const fetchImpl = (async () => new Response(body, { status: 200 })) as typeof fetch;
    const dataDir = tempDir();
    const saved = process.env.PD_MIRROR;
    delete process.env.PD_MIRROR;
    try {
      await fetchArtifact(entry, { dataDir, fetchImpl, onProgress: (e) => events.push(e.bytes) });
    } finally {
      if (saved !== undefined) process.env.PD_MIRROR = saved;
    }
    expect(events.at(-1)).toBe(body.byteLength);
    expect(readdirSync(join(dataDir, "repo"))).toEqual(["model_Code Extra_fitted_paras.jsonl"]);
  });

  it("explains how to work offline when the network is unreachable", async () => {
    const fetchImpl = (async () => {
      throw new TypeError("fetch failed");
    }) as typeof fetch;
    const saved = process.env.PD_MIRROR;
    delete process.env.PD_MIRROR;
    try {
      const error = await fetchArtifact(entry, { dataDir: tempDir(), fetchImpl }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PrefDissectError);
      expect((error as Error).message).toContain(entry.url);
      expect((error as Error).message).toContain("PD_MIRROR");
    } finally {
      if (saved !== undefined) process.env.PD_MIRROR = saved;
    }
  });

  it("asks for the token, then names the gated-dataset fix on 401/403", async () => {
    const fetchImpl = (async () => new Response("no", { status: 403 })) as typeof fetch;
    const gated = { ...entry, sha256: null, auth: "PD_TEST_TOKEN" };
    const saved = process.env.PD_MIRROR;
    delete process.env.PD_MIRROR;
    try {
      const missing = await fetchArtifact(gated, { dataDir: tempDir(), fetchImpl }).catch((e: unknown) => e);
      expect((missing as Error).message).toMatch(/needs a token: set PD_TEST_TOKEN/);
      process.env.PD_TEST_TOKEN = "t";
      const refused = await fetchArtifact(gated, { dataDir: tempDir(), fetchImpl }).catch((e: unknown) => e);
      expect((refused as Error).message).toMatch(/answered 403.*accept the terms/);
    } finally {
      delete process.env.PD_TEST_TOKEN;
      if (saved !== undefined) process.env.PD_MIRROR = saved;
    }
  });

  it("keeps a present, verified file without reading the mirror", async () => {
    const dataDir = tempDir();
    const target = join(dataDir, entry.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, body);
    const path = await fetchArtifact(entry, { dataDir, mirror: "/nonexistent" });
    expect(path).toBe(target);
  });
});
