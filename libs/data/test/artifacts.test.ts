import { describe, expect, it } from "vitest";
import { GROUP_IDS, JUDGE_IDS, parseManifest, weightsArtifactId } from "../src/index.js";
import { defaultArtifactIds, loadManifest, loadReleasedWeights } from "../src/node.js";
import { describeUpstream, upstreamDataDir } from "../../../vitest.upstream.js";

describe("manifest", () => {
  it("pins 19 files at the paper's commit and MT-Bench's two at FastChat's, each by checksum", () => {
    const manifest = loadManifest();
    expect(manifest.source.commit).toBe("ebaeb8a7634044030e3203ff098a34a2720a2d68");
    expect(defaultArtifactIds()).toHaveLength(21);
    for (const group of GROUP_IDS) expect(defaultArtifactIds()).toContain(`weights-${group}`);
    const pinned = manifest.artifacts.filter((entry) => entry.sha256 !== null);
    const at = (commit: string) => pinned.filter((entry) => entry.url.includes(`/${commit}/`)).map((entry) => entry.id);
    expect(at("ebaeb8a7634044030e3203ff098a34a2720a2d68")).toHaveLength(19);
    expect(at("0e6d3e4beaab66f4d3f93db72541a4abab8af28d")).toEqual(["mt-bench-questions", "mt-bench-reference-answers"]);
  });

  it("names the field of a wrong type and of a missing value", () => {
    const manifest = loadManifest();
    const withFirst = (edit: Record<string, unknown>) => JSON.stringify({ ...manifest, artifacts: [{ ...manifest.artifacts[0]!, ...edit }] });
    expect(() => parseManifest(withFirst({ bytes: "12" }), "m.json")).toThrow('m.json: field "artifacts.0.bytes" must be a number, got string');
    expect(() => parseManifest(withFirst({ path: undefined }), "m.json")).toThrow('m.json: field "artifacts.0.path" is missing');
  });

  it("names an artifact id that appears twice, at its second place", () => {
    const manifest = loadManifest();
    const [first, second] = manifest.artifacts;
    const twice = JSON.stringify({ ...manifest, artifacts: [first, second, { ...second!, id: first!.id }] });
    expect(() => parseManifest(twice, "m.json")).toThrow(`m.json: field "artifacts.2.id" artifact id "${first!.id}" appears twice;`);
    expect(parseManifest(JSON.stringify({ ...manifest, artifacts: [first, second] }), "m.json").artifacts).toHaveLength(2);
  });

  it("names the artifact of each group's released weights", () => {
    expect(weightsArtifactId("Code")).toBe("weights-Code");
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
