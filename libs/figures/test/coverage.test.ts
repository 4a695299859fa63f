import { describe, expect, it } from "vitest";
import { GPT4_TURBO, GROUP_IDS, HUMAN, SCENARIO_IDS, type WeightSet } from "@prefdissect/data";
import { coverageSentence, judgesCovering, weightCoverage } from "../src/index.js";
import { syntheticWeights } from "./fixtures.js";

const full = syntheticWeights();

/** The full fixture restricted to some judges and groups. */
function only(judges: readonly string[], groups: readonly string[] = GROUP_IDS): WeightSet {
  return new Map(groups.map((group) => [group, new Map(judges.map((judge) => [judge, full.get(group)!.get(judge)!]))]));
}

describe("weightCoverage() / judgesCovering()", () => {
  it("says a full weight set is complete", () => {
    expect(weightCoverage(full)).toMatchObject({ complete: true, groups: GROUP_IDS });
  });

  it("lists what a three-judge refit holds, in catalog order, and says so in one sentence", () => {
    const weights = only([HUMAN, GPT4_TURBO, "llama-2-70b-chat"]);
    const coverage = weightCoverage(weights);
    expect(coverage).toMatchObject({
      complete: false,
      judges: [HUMAN, "llama-2-70b-chat", GPT4_TURBO],
      scenarioJudges: [HUMAN, "llama-2-70b-chat", GPT4_TURBO],
    });
    expect(coverageSentence(coverage)).toBe("Partial refit, only the fitted judges shown: 3 of 33 judges, 16 of 16 groups");
  });

  it("keeps the judges with weights in every group asked for, in the order asked", () => {
    const weights = new Map([...only([HUMAN, GPT4_TURBO], SCENARIO_IDS), ["Code", new Map([[GPT4_TURBO, full.get("Code")!.get(GPT4_TURBO)!]])]]);
    expect(judgesCovering(weights, SCENARIO_IDS, [GPT4_TURBO, HUMAN])).toEqual([GPT4_TURBO]);
    expect(judgesCovering(weights, ["Advice"], [GPT4_TURBO, HUMAN])).toEqual([GPT4_TURBO, HUMAN]);
  });
});
