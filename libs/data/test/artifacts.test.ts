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
    expect(() => parseManifest(withFirst({ bytes: "12" }), "m.json")).toThrow(
      'm.json: field "artifacts.0.bytes" must be a number, got string; expected the manifest of upstream artifacts (description, source, artifacts with unique ids)',
    );
    expect(() => parseManifest(withFirst({ path: undefined }), "m.json")).toThrow('m.json: field "artifacts.0.path" is missing');
  });

  it("names an artifact id that appears twice, at its second place", () => {
    const manifest = loadManifest();
    const [first, second] = manifest.artifacts;
    const twice = JSON.stringify({ ...manifest, artifacts: [first, second, { ...second!, id: first!.id }] });
    expect(() => parseManifest(twice, "m.json")).toThrow(`m.json: field "artifacts.2.id" artifact id "${first!.id}" appears twice;`);
    expect(parseManifest(JSON.stringify({ ...manifest, artifacts: [first, second] }), "m.json").artifacts).toHaveLength(2);
  });

  it("checks each entry's fields: ids and paths not empty, a URL, a whole size, a lowercase hex sha256", () => {
    const manifest = loadManifest();
    const first = manifest.artifacts[0]!;
    const parseFirst = (edit: Record<string, unknown>) => parseManifest(JSON.stringify({ ...manifest, artifacts: [{ ...first, ...edit }] }), "m.json");
    const hex = "0123456789abcdef".repeat(4);
    expect(parseFirst({ sha256: hex, bytes: 0 }).artifacts[0]).toMatchObject({ sha256: hex, bytes: 0 });
    expect(parseFirst({ sha256: null, bytes: null, auth: "HF_TOKEN" }).artifacts[0]).toMatchObject({ sha256: null, bytes: null, auth: "HF_TOKEN" });
    const rejected: [Record<string, unknown>, string][] = [
      [{ id: "" }, "artifacts.0.id"],
      [{ path: "" }, "artifacts.0.path"],
      [{ url: "not a url" }, "artifacts.0.url"],
      [{ bytes: -1 }, "artifacts.0.bytes"],
      [{ bytes: 1.5 }, "artifacts.0.bytes"],
      [{ sha256: hex.toUpperCase() }, "artifacts.0.sha256"],
      [{ sha256: hex.slice(1) }, "artifacts.0.sha256"],
      [{ sha256: `${hex}0` }, "artifacts.0.sha256"],
      [{ sha256: `x${hex}` }, "artifacts.0.sha256"],
      [{ sha256: `${hex}x` }, "artifacts.0.sha256"],
      [{ sha256: `g${hex.slice(1)}` }, "artifacts.0.sha256"],
      [{ auth: 1 }, "artifacts.0.auth"],
    ];
    for (const [edit, field] of rejected) expect(() => parseFirst(edit), JSON.stringify(edit)).toThrow(`m.json: field "${field}"`);
    const { source } = manifest;
    expect(() => parseManifest(JSON.stringify({ ...manifest, source: { ...source, commit: undefined } }), "m.json")).toThrow('field "source.commit" is missing');
    expect(() => parseManifest(JSON.stringify({ ...manifest, description: 1 }), "m.json")).toThrow('field "description"');
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
