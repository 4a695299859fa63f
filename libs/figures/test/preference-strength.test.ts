import { describe, expect, it } from "vitest";
import { GROUP_IDS, PROPERTY_COUNT } from "@prefdissect/data";
import { judgeSimilarity } from "@prefdissect/similarity";
import { agreementRows, buildPreferenceAgreementSpec, buildPreferenceStrengthSpec, certaintyRows, renderSvg, type StrengthRun } from "../src/index.js";

const verdict = (index: number, certainty: number, label: "A" | "B") => ({ index, certainty, label });
const weights = (judge: string, scale: number) =>
  new Map(
    GROUP_IDS.map((group, g) => [
      group,
      new Map([[judge, Array.from({ length: PROPERTY_COUNT }, (_, k) => scale * Math.sin(k + g) + (judge === "b" ? 0.05 * Math.cos(3 * k) : 0))]]),
    ]),
  );

describe("certaintyRows()", () => {
  it("bins each judge's |P(A) − P(B)|, gives shares of its pairs (1 in the last bin) and its median", () => {
    const runs: StrengthRun[] = [{ model: "base", verdicts: [verdict(0, 0.05, "A"), verdict(1, 0.12, "B"), verdict(2, 1, "A"), verdict(3, 0.07, "B")] }];
    const rows = certaintyRows(runs, 10);
    expect(rows).toHaveLength(10);
    expect(rows[0]).toMatchObject({ model: "base", binStart: 0, binEnd: 0.1, pairs: 2, share: 0.5 });
    expect(rows[1]).toMatchObject({ pairs: 1, share: 0.25 });
    expect(rows[9]).toMatchObject({ pairs: 1, share: 0.25 });
    expect(rows.every((row) => Math.abs(row.median - (0.07 + 0.12) / 2) < 1e-12)).toBe(true);
  });
});

describe("agreementRows()", () => {
  const runs: StrengthRun[] = [
    {
      model: "base",
      verdicts: [verdict(0, 0.1, "A"), verdict(1, 0.1, "B"), verdict(2, 0.1, "A"), verdict(5, 0.1, "A")],
      added: { judge: "a", weights: weights("a", 1) },
    },
    { model: "aligned", verdicts: [verdict(0, 0.9, "A"), verdict(1, 0.9, "A"), verdict(2, 0.9, "A")], added: { judge: "b", weights: weights("b", 3) } },
    { model: "other", verdicts: [verdict(1, 0.5, "B")] },
  ];

  it("compares the labels of the pairs both judged, and the fitted weights when both were added", () => {
    const rows = agreementRows(runs);
    expect(rows.map((row) => [row.modelA, row.modelB, row.pairs])).toEqual([
      ["base", "aligned", 3],
      ["base", "other", 1],
      ["aligned", "other", 1],
    ]);
    expect(rows[0]!.agreement).toBeCloseTo(2 / 3, 12);
    const merged = new Map(GROUP_IDS.map((group) => [group, new Map([...weights("a", 1).get(group)!, ...weights("b", 3).get(group)!])]));
    expect(rows[0]!.similarity).toBeCloseTo(judgeSimilarity(merged, "a", "b"), 12);
    expect(rows[1]).toMatchObject({ agreement: 1, similarity: null });
    expect(() => agreementRows([runs[0]!, { ...runs[1]!, added: { judge: "a", weights: weights("a", 2) } }])).toThrow(/both added as judge "a"/);
  });

  it("draws both figures, marked synthetic and naming the source", async () => {
    const options = { sourceLabel: "Source: loopback runs", synthetic: true };
    const strength = await renderSvg(buildPreferenceStrengthSpec(certaintyRows(runs), options));
    expect(strength).toContain("SYNTHETIC");
    expect(strength).toContain("Source: loopback runs");
    expect(strength).toContain("base: median 0.10; aligned: median 0.90; other: median 0.50");
    const agreement = await renderSvg(buildPreferenceAgreementSpec(agreementRows(runs), options));
    expect(agreement).toContain("base vs aligned");
    expect(agreement).toContain("67 % of 3 pairs");
  });
});
