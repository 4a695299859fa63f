import { describe, expect, it } from "vitest";
import { GROUP_IDS, JUDGE_IDS, parseManifest } from "../src/index.js";
import { defaultArtifactIds, loadManifest, loadReleasedWeights } from "../src/node.js";
import { describeUpstream, upstreamDataDir } from "../../../vitest.upstream.js";

describe("manifest", () => {
  it("pins the 19 upstream files by checksum at the paper's commit", () => {
    const manifest = loadManifest();
    expect(manifest.source.commit).toBe("ebaeb8a7634044030e3203ff098a34a2720a2d68");
    expect(defaultArtifactIds()).toHaveLength(19);
    for (const group of GROUP_IDS) expect(defaultArtifactIds()).toContain(`weights-${group}`);
  });

  it("names the field of a wrong type and of a missing value", () => {
    const manifest = loadManifest();
    const withFirst = (edit: Record<string, unknown>) => JSON.stringify({ ...manifest, artifacts: [{ ...manifest.artifacts[0]!, ...edit }] });
    expect(() => parseManifest(withFirst({ bytes: "12" }), "m.json")).toThrow('m.json: field "artifacts.0.bytes" must be a number, got string');
    expect(() => parseManifest(withFirst({ path: undefined }), "m.json")).toThrow('m.json: field "artifacts.0.path" is missing');
  });
});

describeUpstream("loadReleasedWeights()", () => {
  it("loads 16 groups × 33 judges × 29 weights", async () => {
    const ws = await loadReleasedWeights({ dataDir: upstreamDataDir() });
    expect([...ws.keys()].sort()).toEqual([...GROUP_IDS].sort());
    for (const judges of ws.values()) {
      expect([...judges.keys()].sort()).toEqual([...JUDGE_IDS].sort());
      for (const w of judges.values()) expect(w).toHaveLength(29);
    }
  });
});
