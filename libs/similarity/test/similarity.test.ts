import { describe, expect, it } from "vitest";
import { JUDGE_IDS, SCENARIO_IDS, type WeightSet } from "@prefdissect/data";
import {
  basePairSimilarities,
  degreeOfPreference,
  errorSensitivity,
  judgeSimilarity,
  meanPreference,
  meanSimilarityBetween,
  meanSimilarityWithin,
  pearson,
  rankProperties,
  sigmoid,
  similarityMatrix,
  sizeGroupSimilarity,
  weightsOf,
} from "../src/index.js";

/** A weight set where every judge's vector in every scenario is `f(judgeIndex, k)`. */
function syntheticWeights(f: (judge: number, k: number) => number): WeightSet {
  return new Map(SCENARIO_IDS.map((g) => [g, new Map(JUDGE_IDS.map((j, i) => [j, Array.from({ length: 29 }, (_, k) => f(i, k))]))]));
}

describe("degreeOfPreference()", () => {
  it("is 50 at zero, symmetric, and stable for large weights", () => {
    expect(degreeOfPreference(0)).toBe(50);
    expect(degreeOfPreference(1) + degreeOfPreference(-1)).toBeCloseTo(100, 12);
    expect(degreeOfPreference(Math.log(3))).toBeCloseTo(75, 12);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(800)).toBe(1);
  });
});

describe("rankProperties()", () => {
  it("returns the k largest and smallest weights with their P values", () => {
    const weights = Array.from({ length: 29 }, (_, k) => (k - 14) / 10);
    const { top, bottom } = rankProperties(weights, 3);
    expect(top.map((r) => r.property.index)).toEqual([28, 27, 26]);
    expect(bottom.map((r) => r.property.index)).toEqual([0, 1, 2]);
    expect(top[0]!.preference).toBeCloseTo(degreeOfPreference(1.4), 12);
  });
});

describe("pearson()", () => {
  it("is 1 for a positive affine copy, -1 for a negated one, and matches a hand computation", () => {
    const a = [1, 2, 3, 4, 6];
    expect(
      pearson(
        a,
        a.map((x) => 3 * x + 2),
      ),
    ).toBeCloseTo(1, 12);
    expect(
      pearson(
        a,
        a.map((x) => -x),
      ),
    ).toBeCloseTo(-1, 12);
    // x = [1,2,3,4], y = [1,3,2,4]: r = 0.8
    expect(pearson([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 12);
  });
});

describe("errorSensitivity()", () => {
  it("averages P over the scenarios for each severity", () => {
    const ws = syntheticWeights((_, k) => (k === 22 ? Math.log(3) : k === 20 ? 0 : 0.1));
    const e = errorSensitivity(ws, "human");
    expect(e.severe).toBeCloseTo(75, 10);
    expect(e.minor).toBeCloseTo(50, 10);
    expect(meanPreference(ws, "human", 22)).toBe(e.severe);
    expect(meanPreference(ws, "human", 22, SCENARIO_IDS.slice(0, 1))).toBeCloseTo(75, 10);
  });
});

describe("basePairSimilarities()", () => {
  it("keeps only the pairs whose two models are among the given judges", () => {
    const ws = syntheticWeights((j, k) => Math.sin(k * (1 + j)));
    const all = basePairSimilarities(ws);
    const subset = basePairSimilarities(ws, SCENARIO_IDS, ["llama-2-7b", "llama-2-7b-chat", "vicuna-7b-v1.5", "human"]);
    expect(subset.map((p) => [p.base, p.aligned])).toEqual([
      ["llama-2-7b", "llama-2-7b-chat"],
      ["llama-2-7b", "vicuna-7b-v1.5"],
    ]);
    expect(subset).toEqual(all.filter((p) => subset.some((q) => q.aligned === p.aligned)));
    expect(basePairSimilarities(ws, SCENARIO_IDS, ["llama-2-7b-chat"])).toEqual([]);
  });
});

describe("similarity matrix and group means", () => {
  it("is symmetric with unit diagonal and averages pairs correctly", () => {
    const ws = syntheticWeights((j, k) => Math.sin(k + (j % 3)));
    const m = similarityMatrix(ws, JUDGE_IDS.slice(0, 4));
    expect(m.values[0]![0]).toBe(1);
    expect(m.values[1]![2]).toBe(m.values[2]![1]);
    // judges 0 and 3 share j % 3, hence identical vectors
    expect(m.values[0]![3]).toBeCloseTo(1, 12);
    const within = meanSimilarityWithin(m, JUDGE_IDS.slice(0, 3));
    expect(within).toBeCloseTo((m.values[0]![1]! + m.values[0]![2]! + m.values[1]![2]!) / 3, 12);
    expect(meanSimilarityBetween(m, [JUDGE_IDS[0]!], [JUDGE_IDS[1]!, JUDGE_IDS[2]!])).toBeCloseTo((m.values[0]![1]! + m.values[0]![2]!) / 2, 12);
  });
});

describe("the error paths", () => {
  it("names what is missing or wrong", () => {
    const ws = syntheticWeights((j, k) => Math.sin(k + j));
    expect(() => weightsOf(ws, "Code", "nobody")).toThrow(new RangeError('no weights for judge "nobody" in group "Code"'));
    expect(() => weightsOf(ws, "w_stances", "human")).toThrow('no weights for judge "human" in group "w_stances"');
    expect(() => pearson([1, 2, 3], [1, 2])).toThrow(new RangeError("vectors differ in length: 3 vs 2"));
    const m = similarityMatrix(ws, JUDGE_IDS.slice(0, 3));
    expect(() => meanSimilarityWithin(m, [JUDGE_IDS[0]!])).toThrow(new RangeError("need at least two judges for a within-set mean"));
    expect(() => meanSimilarityWithin(m, [JUDGE_IDS[0]!, "gpt-4-1106-preview"])).toThrow(
      new RangeError('judge "gpt-4-1106-preview" is not in the similarity matrix'),
    );
    expect(() => meanSimilarityBetween(m, [JUDGE_IDS[0]!], ["nobody"])).toThrow('judge "nobody" is not in the similarity matrix');
  });
});

describe("rankProperties() with ties", () => {
  it("keeps the released property order among equal weights, at both ends", () => {
    const weights = Array.from({ length: 29 }, (_, k) => (k < 3 ? 1 : k > 25 ? -1 : 0));
    const { top, bottom } = rankProperties(weights, 4);
    expect(top.map((r) => r.property.index)).toEqual([0, 1, 2, 3]);
    expect(bottom.map((r) => r.property.index)).toEqual([28, 27, 26, 25]);
    expect(rankProperties(weights).top).toHaveLength(3);
  });
});

describe("sizeGroupSimilarity() and judgeSimilarity()", () => {
  it("splits the open models into the 20 of at most 14B and the 10 above 30B, and averages over the scenarios", () => {
    const ws = syntheticWeights((j, k) => Math.sin(k * (1 + (j % 5))));
    const sizes = sizeGroupSimilarity(ws);
    expect(sizes.smallJudges).toHaveLength(20);
    expect(sizes.largeJudges).toHaveLength(10);
    expect(sizes.smallJudges).not.toContain("human");
    expect(sizes.largeJudges).toContain("qwen-72b-chat");
    const matrix = similarityMatrix(ws);
    expect(sizes.small).toBeCloseTo(meanSimilarityWithin(matrix, sizes.smallJudges), 12);
    expect(sizes.large).toBeCloseTo(meanSimilarityWithin(matrix, sizes.largeJudges), 12);
    expect(sizes.between).toBeCloseTo(meanSimilarityBetween(matrix, sizes.smallJudges, sizes.largeJudges), 12);
    // One scenario's similarity, and the mean over the groups asked for.
    const [a, b] = ["yi-6b", "llama-2-7b"];
    const code = pearson(ws.get("Code")!.get(a)!, ws.get("Code")!.get(b)!);
    expect(judgeSimilarity(ws, a, b, ["Code"])).toBeCloseTo(code, 12);
    const perScenario = SCENARIO_IDS.map((g) => pearson(ws.get(g)!.get(a)!, ws.get(g)!.get(b)!));
    expect(judgeSimilarity(ws, a, b)).toBeCloseTo(perScenario.reduce((s, x) => s + x, 0) / SCENARIO_IDS.length, 12);
  });
});
