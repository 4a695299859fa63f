import { describe, expect, it } from "vitest";
import { JUDGE_IDS, SCENARIO_IDS, comparisonFeatures, synthesizePairs, type WeightSet } from "@prefdissect/data";
import { labelDpoPairs } from "../src/index.js";

/** Small made-up weights for every judge and scenario (not the released ones). */
const weights: WeightSet = new Map(
  SCENARIO_IDS.map((group, g) => [group, new Map(JUDGE_IDS.map((judge, j) => [judge, Array.from({ length: 29 }, (_, k) => (((k + j + g) % 7) - 3) / 5)]))]),
);
const pairs = synthesizePairs({ weights, seed: 7, pairs: 300, judges: ["human"] });
const sigma = (z: number) => 1 / (1 + Math.exp(-z));

describe("labelDpoPairs", () => {
  it("chooses the response the judge's regression prefers for the pair's scenario, keeping only confident pairs", () => {
    const labelled = labelDpoPairs(pairs, weights, "human", { minMargin: 0.3 });
    let expectedKept = 0;
    let excluded = 0;
    const byPrompt = new Map(labelled.pairs.map((pair) => [`${pair.prompt}|${pair.chosen}|${pair.rejected}`, pair]));
    for (const pair of pairs) {
      const { features, excluded: out } = comparisonFeatures(pair);
      if (out) {
        excluded += 1;
        continue;
      }
      const w = weights.get(pair.scenario)!.get("human")!;
      const pA = sigma(w.reduce((sum, wp, p) => sum + wp * features[p]!, 0));
      if (Math.abs(2 * pA - 1) < 0.3) continue;
      expectedKept += 1;
      const [chosen, rejected] = pA > 0.5 ? [pair.responseA, pair.responseB] : [pair.responseB, pair.responseA];
      expect(byPrompt.has(`${pair.query}|${chosen.content}|${rejected.content}`)).toBe(true);
    }
    expect(labelled.pairs).toHaveLength(expectedKept);
    expect(labelled.excluded).toBe(excluded);
    expect(labelled.groups.reduce((sum, group) => sum + group.kept, 0)).toBe(expectedKept);
    expect(labelled.groups.reduce((sum, group) => sum + group.candidates, 0)).toBe(pairs.length - excluded);
    expect(labelled.groups.map((g) => g.group)).toEqual(SCENARIO_IDS.filter((id) => labelled.groups.some((g) => g.group === id)));
  });

  it("swaps chosen and rejected with inverse, and keeps more pairs with a smaller margin", () => {
    const aligned = labelDpoPairs(pairs, weights, "human");
    const reversed = labelDpoPairs(pairs, weights, "human", { inverse: true });
    expect(reversed.pairs).toEqual(aligned.pairs.map((pair) => ({ prompt: pair.prompt, chosen: pair.rejected, rejected: pair.chosen })));
    expect(labelDpoPairs(pairs, weights, "human", { minMargin: 0 }).pairs.length).toBeGreaterThan(aligned.pairs.length);
  });

  it("counts the pairs of a scenario without weights instead of labelling them", () => {
    const partial: WeightSet = new Map([...weights].filter(([group]) => group !== "Code"));
    const labelled = labelDpoPairs(pairs, partial, "human");
    expect(labelled.withoutWeights.get("Code")).toBe(pairs.filter((pair) => pair.scenario === "Code").length);
    expect(labelled.groups.some((g) => g.group === "Code")).toBe(false);
  });
});
