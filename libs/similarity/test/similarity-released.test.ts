// The paper's numbers from the authors' released weights (upstream files; skipped without them).
import { beforeAll, expect, it } from "vitest";
import { JUDGE_IDS, type WeightSet } from "@prefdissect/data";
import { loadReleasedWeights } from "@prefdissect/data/node";
import { describeUpstream, upstreamDataDir } from "../../../vitest.upstream.js";
import { basePairSimilarities, errorSensitivity, judgeSimilarity, rankProperties, sizeGroupSimilarity } from "../src/index.js";

describeUpstream("on the released weights", () => {
  let ws: WeightSet;
  beforeAll(async () => {
    ws = await loadReleasedWeights({ dataDir: upstreamDataDir() });
  });

  it("reproduces Table 4's no-severe-errors values (Human 62.86, GPT-4-Turbo 76.19, best other 65.27)", () => {
    expect(errorSensitivity(ws, "human").severe).toBeCloseTo(62.86, 2);
    expect(errorSensitivity(ws, "gpt-4-1106-preview").severe).toBeCloseTo(76.19, 2);
    const others = JUDGE_IDS.filter((j) => j !== "human" && j !== "gpt-4-1106-preview").map((j) => errorSensitivity(ws, j).severe);
    expect(Math.max(...others)).toBeCloseTo(65.27, 2);
  });

  it("reproduces the size-group similarities 0.83 / 0.88 / 0.74", () => {
    const s = sizeGroupSimilarity(ws);
    expect(s.smallJudges).toHaveLength(20);
    expect(s.largeJudges).toHaveLength(10);
    expect(s.small).toBeCloseTo(0.83, 2);
    expect(s.large).toBeCloseTo(0.88, 2);
    expect(s.between).toBeCloseTo(0.74, 2);
  });

  it("puts lengthy on top of the human's Communication ranking", () => {
    expect(rankProperties(ws.get("Communication")!.get("human")!, 1).top[0]!.property.name).toBe("lengthy");
  });

  it("finds most same-vendor base/aligned pairs highly similar", () => {
    const pairs = basePairSimilarities(ws).filter((p) => p.sameVendor);
    expect(pairs).toHaveLength(10);
    expect(pairs.filter((p) => p.similarity >= 0.85).length).toBeGreaterThanOrEqual(7);
    expect(judgeSimilarity(ws, "qwen-72b", "qwen-72b-chat")).toBeCloseTo(0.961, 3);
  });
});
