import { describe, expect, it } from "vitest";
import { GPT4_TURBO, HUMAN, SCENARIO_IDS, weightsTable } from "@prefdissect/data";
import { degreeOfPreference, groupSimilarity, judgeSimilarity, meanPreference } from "@prefdissect/similarity";
import { meanPairSimilarities, scenarioMeans, scenarioSimilarities, withPreference } from "../src/index.js";
import { syntheticWeights } from "./fixtures.js";

const weights = syntheticWeights();

describe("withPreference()", () => {
  it("adds P(p) = 100·σ(w) to every row", () => {
    const table = withPreference(weightsTable(weights, { groups: ["Code"], judges: [HUMAN] }));
    expect(table.columnNames()).toEqual(["group", "judge", "property", "propertyIndex", "weight", "preference"]);
    expect(table.array("preference")).toEqual(weights.get("Code")!.get(HUMAN)!.map(degreeOfPreference));
  });
});

describe("scenarioMeans()", () => {
  it("averages over the 11 scenarios only, bit for bit as the similarity library does", () => {
    const table = withPreference(weightsTable(weights, { judges: [HUMAN, GPT4_TURBO] }));
    const means = scenarioMeans(table, ["judge", "propertyIndex"], "preference");
    expect(means.numRows()).toBe(2 * 29);
    expect(means.columnNames()).toEqual(["judge", "propertyIndex", "preference", "scenarios"]);
    expect(means.array("scenarios")).toEqual(new Array(58).fill(11));
    const gpt4 = means.objects().find((row) => (row as { judge: string }).judge === GPT4_TURBO) as { propertyIndex: number; preference: number };
    expect(gpt4.preference).toBe(meanPreference(weights, GPT4_TURBO, gpt4.propertyIndex));
  });
});

describe("scenarioSimilarities() / meanPairSimilarities()", () => {
  it("has one row per pair and scenario, and averages to the judge similarity", () => {
    const judges = [HUMAN, "yi-6b", GPT4_TURBO];
    const perScenario = scenarioSimilarities(weights, judges);
    expect(perScenario.numRows()).toBe(3 * SCENARIO_IDS.length);
    expect(perScenario.get("similarity", 1)).toBe(groupSimilarity(weights, HUMAN, "yi-6b", SCENARIO_IDS[1]!));
    const means = meanPairSimilarities(weights, judges);
    expect(means.objects()).toEqual([
      { judgeA: HUMAN, judgeB: "yi-6b", similarity: judgeSimilarity(weights, HUMAN, "yi-6b"), scenarios: 11 },
      { judgeA: HUMAN, judgeB: GPT4_TURBO, similarity: judgeSimilarity(weights, HUMAN, GPT4_TURBO), scenarios: 11 },
      { judgeA: "yi-6b", judgeB: GPT4_TURBO, similarity: judgeSimilarity(weights, "yi-6b", GPT4_TURBO), scenarios: 11 },
    ]);
  });
});
