import { describe, expect, it } from "vitest";
import { GROUP_IDS, HUMAN, JUDGE_IDS, PROPERTY_COUNT, SCENARIO_IDS, type WeightSet } from "@prefdissect/data";
import { MODE_JUDGE_FIT, type JudgeFit } from "@prefdissect/refit";
import { errorSensitivity } from "@prefdissect/similarity";
import { createRandomStream } from "@prefdissect/shared";
import { judgeOrderWith, placeJudge, placementMarkdown, PlacementSchema, type PlaceJudgeInput } from "../src/index.js";

/** 33 judges in 16 groups: a shared pattern per group plus noise per judge. */
function weightsOf33(seed = 5): WeightSet {
  const rng = createRandomStream(seed, 0);
  return new Map(
    GROUP_IDS.map((group) => {
      const shared = Array.from({ length: PROPERTY_COUNT }, () => 0.4 * rng.normal());
      return [group, new Map(JUDGE_IDS.map((judge) => [judge, shared.map((w) => w + 0.25 * rng.normal())]))];
    }),
  );
}

const released = weightsOf33();

/** A fit of `judge` whose weights are `vectorOf(group)`, with a held-out accuracy per group. */
function fitOf(judge: string, vectorOf: (group: string) => number[], accuracy: (group: string) => number | null = () => 0.8): JudgeFit {
  return {
    judge,
    settings: { ...MODE_JUDGE_FIT, folds: 10 },
    weights: new Map(GROUP_IDS.map((group) => [group, new Map([[judge, vectorOf(group)]])])),
    groups: GROUP_IDS.map((group, i) => ({
      group,
      rows: 100 + i,
      excluded: 1,
      mean: vectorOf(group),
      q05: vectorOf(group),
      q95: vectorOf(group),
      folds: [],
      accuracy: accuracy(group),
      heldOutRows: 90,
      draws: [],
      diagnostics: null,
      warnings: [],
    })),
    intervals: [],
    skipped: [],
  };
}

function input(fit: JudgeFit): PlaceJudgeInput {
  return {
    fit,
    weights: released,
    comparedWith: "the test's 33 judges",
    sizeB: 13,
    data: { file: "pairs.parquet", rows: 1000, synthetic: true },
    labels: { file: "labels.json", labels: ["A", "B", "B"] },
    charts: { dissection: "d.svg", similarity: "s.svg" },
  };
}

describe("placeJudge()", () => {
  it("puts a copy of Human next to Human, with Human's Table 4 row, and validates as placement.json", () => {
    const placement = placeJudge(input(fitOf("copy", (group) => [...released.get(group)!.get(HUMAN)!])));
    expect(PlacementSchema.parse(placement)).toEqual(placement);
    expect(placement.mostSimilar[0]).toEqual({ judge: HUMAN, similarity: expect.closeTo(1, 12) });
    expect(placement.mostSimilar).toHaveLength(5);
    expect(placement.leastSimilar).toHaveLength(5);
    expect(placement.similarities).toHaveLength(33);
    expect(placement.errorSensitivity.judge).toEqual(errorSensitivity(released, HUMAN));
    expect(placement.errorSensitivity.human).toEqual(placement.errorSensitivity.judge);
    expect(placement.groups).toHaveLength(16);
    expect(placement.groups[0]!.top).toHaveLength(3);
    expect(placement.labels).toEqual({ file: "labels.json", A: 1, B: 2 });
    expect(placement.sizeGroups.resembles).toMatch(/^(small|large)$/);
  });

  it("pools the held-out accuracy over the scenario fits by their rows, and has none for one fold", () => {
    const accuracyOf = (group: string) => (group === "Advice" ? 0.5 : 0.9);
    const placement = placeJudge(input(fitOf("j", (group) => [...released.get(group)!.get(HUMAN)!], accuracyOf)));
    const rows = (group: string) => 100 + GROUP_IDS.indexOf(group);
    const expected = SCENARIO_IDS.reduce((sum, group) => sum + accuracyOf(group) * rows(group), 0) / SCENARIO_IDS.reduce((sum, group) => sum + rows(group), 0);
    expect(placement.accuracy).toBeCloseTo(expected, 12);
    expect(
      placeJudge(
        input(
          fitOf(
            "j",
            (group) => [...released.get(group)!.get(HUMAN)!],
            () => null,
          ),
        ),
      ).accuracy,
    ).toBeNull();
  });

  it("refuses a scenario whose weights are all equal, naming it", () => {
    const flat = fitOf("flat", (group) => (group === "Code" ? Array(PROPERTY_COUNT).fill(0) : [...released.get(group)!.get(HUMAN)!]));
    expect(() => placeJudge(input(flat))).toThrow(
      expect.objectContaining({ code: "flat-fit", message: expect.stringMatching(/every weight of "flat" in Code is 0 \(fitted from 101 pairs\)/) }),
    );
  });

  it("refuses weights that lack some of the 33", () => {
    const partial = new Map([...released].map(([group, judges]) => [group, new Map([...judges].filter(([judge]) => judge !== "yi-6b"))]));
    expect(() => placeJudge({ ...input(fitOf("j", () => Array(PROPERTY_COUNT).fill(0.1))), weights: partial })).toThrow(
      /lacks weights in some of the 11 scenarios for yi-6b/,
    );
  });
});

describe("placementMarkdown()", () => {
  it("says it is synthetic, lists the nearest judges, Table 4 and every group, and links the charts", () => {
    const markdown = placementMarkdown(placeJudge(input(fitOf("copy", (group) => [...released.get(group)!.get(HUMAN)!]))));
    expect(markdown).toMatch(/^# Where copy sits among the paper's judges/);
    expect(markdown).toContain("**SYNTHETIC DATA.**");
    expect(markdown).toMatch(/\| 1 \| Human \| 1\.00 \|/);
    expect(markdown).toMatch(/\| \*\*copy\*\* \| \d+\.\d\d \| \d+\.\d\d \| \d+\.\d\d \|/);
    expect(markdown).toContain("| Unsafe Queries | 110 | 80.0 % |");
    expect(markdown).toContain("](d.svg)");
    expect(markdown).toContain("copy (13B parameters) was fitted from labels.json (3 labels: 1 A, 2 B)");
  });
});

describe("judgeOrderWith()", () => {
  it("puts an added judge after the open models of its size, or last without a size", () => {
    const order = judgeOrderWith("mine", 13);
    expect(order).toHaveLength(34);
    const at = order.indexOf("mine");
    expect(order[at - 1]).toBe("tulu-2-dpo-13b");
    expect(order[at + 1]).toBe("qwen-14b");
    expect(judgeOrderWith("mine", null).at(-1)).toBe("mine");
    expect(judgeOrderWith("mine", 1)[1]).toBe("mine");
  });
});
