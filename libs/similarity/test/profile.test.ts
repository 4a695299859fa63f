import { beforeAll, describe, expect, it } from "vitest";
import { GROUP_IDS, JUDGE_IDS, SCENARIO_IDS, judgeById, sizeGroup, type WeightSet } from "@prefdissect/data";
import { loadReleasedWeights } from "@prefdissect/data/node";
import { describeUpstream, upstreamDataDir } from "../../../vitest.upstream.js";
import { errorSensitivity, judgeProfile, judgeSimilarity, rankProperties, similarityMatrix, sizeGroupSimilarity } from "../src/index.js";

/** `weights` plus one more judge, `id`, whose vector in every group is `vectorOf(group)`. */
function withJudge(weights: WeightSet, id: string, vectorOf: (group: string) => readonly number[] | undefined): WeightSet {
  return new Map(
    [...weights].map(([group, judges]) => {
      const vector = vectorOf(group);
      return [group, vector === undefined ? judges : new Map([...judges, [id, vector]])];
    }),
  );
}

describeUpstream("judgeProfile() on the released weights", () => {
  let released: WeightSet;
  beforeAll(async () => {
    released = await loadReleasedWeights({ dataDir: upstreamDataDir() });
  });

  it("lists every other judge by similarity, the first and last five being the most and least similar", () => {
    const profile = judgeProfile(released, "human");
    const matrix = similarityMatrix(released);
    const row = matrix.values[0]!;
    const expected = JUDGE_IDS.slice(1)
      .map((judge, i) => ({ judge, similarity: row[i + 1]! }))
      .sort((a, b) => b.similarity - a.similarity);
    expect(profile.similarities).toEqual(expected);
    expect(profile.mostSimilar).toEqual(expected.slice(0, 5));
    expect(profile.leastSimilar).toEqual(expected.slice(-5).reverse());
    expect(profile.leastSimilar[0]!.similarity).toBeLessThan(profile.leastSimilar[4]!.similarity);
  });

  it("gives the top and bottom three of all 16 groups and the judge's Table 4 row", () => {
    const profile = judgeProfile(released, "gpt-4-1106-preview");
    expect(profile.groups.map((entry) => entry.group)).toEqual(GROUP_IDS);
    for (const entry of profile.groups) {
      const ranked = rankProperties(released.get(entry.group)!.get("gpt-4-1106-preview")!, 3);
      expect(entry.top).toEqual(ranked.top);
      expect(entry.bottom).toEqual(ranked.bottom);
    }
    expect(profile.errorSensitivity).toEqual(errorSensitivity(released, "gpt-4-1106-preview"));
  });

  it("averages the similarity to each size group without the judge itself", () => {
    const judge = "yi-6b";
    const profile = judgeProfile(released, judge);
    const small = JUDGE_IDS.filter((id) => id !== judge && sizeGroup(judgeById(id)) === "small");
    const large = JUDGE_IDS.filter((id) => sizeGroup(judgeById(id)) === "large");
    expect(small).toHaveLength(19);
    const meanTo = (ids: string[]) => ids.reduce((sum, id) => sum + judgeSimilarity(released, judge, id), 0) / ids.length;
    expect(profile.sizeGroups.small).toBeCloseTo(meanTo(small), 12);
    expect(profile.sizeGroups.large).toBeCloseTo(meanTo(large), 12);
    expect(profile.sizeGroups.resembles).toBe(profile.sizeGroups.small >= profile.sizeGroups.large ? "small" : "large");
  });

  it("places an added copy of a judge next to that judge and in the same size group as its original would be", () => {
    // The copy of LLaMA-2-70B-Chat is identical to it, so their similarity is 1.
    const weights = withJudge(released, "my-judge", (group) => released.get(group)?.get("llama-2-70b-chat"));
    const profile = judgeProfile(weights, "my-judge");
    expect(profile.mostSimilar[0]!.judge).toBe("llama-2-70b-chat");
    expect(profile.mostSimilar[0]!.similarity).toBeCloseTo(1, 12);
    // With the same vectors, the copy's size-group means equal those of the original over the
    // same judges (the original itself included, as it is not the copy).
    const sizes = sizeGroupSimilarity(released);
    const largeWithoutOriginal = sizes.largeJudges.filter((id) => id !== "llama-2-70b-chat");
    const meanTo = (ids: readonly string[]) => ids.reduce((sum, id) => sum + judgeSimilarity(released, "llama-2-70b-chat", id), 0) / ids.length;
    expect(profile.sizeGroups.small).toBeCloseTo(meanTo(sizes.smallJudges), 12);
    expect(profile.sizeGroups.large).toBeCloseTo((meanTo(largeWithoutOriginal) * largeWithoutOriginal.length + 1) / sizes.largeJudges.length, 12);
  });

  it("compares with the judges it is given, leaves out groups the judge lacks, and honours k and neighbours", () => {
    const scenarioOnly = withJudge(released, "scenario-judge", (group) => (SCENARIO_IDS.includes(group) ? released.get(group)?.get("human") : undefined));
    const profile = judgeProfile(scenarioOnly, "scenario-judge", { others: ["human", "qwen-72b-chat", "yi-6b", "scenario-judge"], k: 2, neighbours: 1 });
    expect(profile.groups.map((entry) => entry.group)).toEqual(SCENARIO_IDS);
    expect(profile.groups[0]!.top).toHaveLength(2);
    expect(profile.similarities.map((entry) => entry.judge)).toHaveLength(3);
    expect(profile.mostSimilar).toEqual([{ judge: "human", similarity: expect.closeTo(1, 12) }]);
    expect(profile.leastSimilar).toHaveLength(1);
  });
});

describe("judgeProfile() on constructed weights", () => {
  /** Every judge, and "my-judge", with the same vector in every group. */
  const uniform = (): WeightSet =>
    new Map(GROUP_IDS.map((group) => [group, new Map([...JUDGE_IDS, "my-judge"].map((id) => [id, Array.from({ length: 29 }, (_, k) => k % 7)]))]));

  it("resembles the small models on a tie", () => {
    const { sizeGroups } = judgeProfile(uniform(), "my-judge");
    expect(sizeGroups.small).toBe(sizeGroups.large);
    expect(sizeGroups.resembles).toBe("small");
  });
});
