import { describe, expect, it } from "vitest";
import { PROPERTY_COUNT, SCENARIO_IDS, type WeightSet } from "@prefdissect/data";
import { clusterOrder, degreeOfPreference, explainPair, groupPreferences, meanPreference, preferenceGaps, sigmoid, similarityMatrix } from "../src/index.js";

const vector = (f: (k: number) => number) => Array.from({ length: PROPERTY_COUNT }, (_, k) => f(k));

/** Two judges in every scenario plus Code: "a" with weights k/10 − 1, "b" with a scenario-dependent shift. */
function twoJudges(): WeightSet {
  return new Map(
    SCENARIO_IDS.map((group, g) => [
      group,
      new Map([
        ["a", vector((k) => k / 10 - 1)],
        ["b", vector((k) => (k % 3) - 1 + g / 10)],
      ]),
    ]),
  );
}

describe("explainPair()", () => {
  it("splits the logit into one exact term per property and turns it into P(A wins)", () => {
    const weights = vector((k) => (k - 14) / 7);
    const features = vector((k) => [1, 0, -1][k % 3]!);
    const explanation = explainPair(weights, features);
    const dot = weights.reduce((sum, w, k) => sum + w * features[k]!, 0);
    expect(explanation.logit).toBeCloseTo(dot, 12);
    expect(explanation.probabilityA).toBeCloseTo(sigmoid(dot), 12);
    expect(explanation.terms[1]).toMatchObject({ feature: 0, contribution: 0 });
    expect(explanation.terms[2]!.contribution).toBeCloseTo(-weights[2]!, 12);
    expect(explanation.terms.map((term) => term.property.index)).toEqual(vector((k) => k));
    expect(() => explainPair(weights.slice(1), features)).toThrow(/need 29 weights and 29 features, got 28 and 29/);
  });
});

describe("groupPreferences() and preferenceGaps()", () => {
  it("gives P(p) in one group or the mean over the scenarios", () => {
    const ws = twoJudges();
    expect(groupPreferences(ws, "a", "Code").map((p) => p.preference)).toEqual(vector((k) => degreeOfPreference(k / 10 - 1)));
    const mean = groupPreferences(ws, "b", "mean");
    expect(mean[4]!.preference).toBeCloseTo(meanPreference(ws, "b", 4), 12);
    expect(mean[4]!.weight).toBeCloseTo(0.5, 12);
  });

  it("orders the properties by the absolute gap between two judges", () => {
    const gaps = preferenceGaps(twoJudges(), "a", "b", "Code");
    expect(gaps).toHaveLength(PROPERTY_COUNT);
    const sizes = gaps.map((gap) => Math.abs(gap.gap));
    expect(sizes).toEqual([...sizes].sort((x, y) => y - x));
    expect(gaps[0]!.gap).toBeCloseTo(gaps[0]!.preferenceA - gaps[0]!.preferenceB, 12);
  });
});

describe("clusterOrder()", () => {
  it("keeps two blocks of mutually similar judges together", () => {
    const judges = ["x1", "y1", "x2", "y2", "x3", "y3"];
    const block = (id: string) => id[0];
    const values = judges.map((a, i) => judges.map((b, j) => (i === j ? 1 : block(a) === block(b) ? 0.9 - 0.01 * (i + j) : 0.2)));
    const order = clusterOrder({ judges, values });
    expect([...order].sort()).toEqual([...judges].sort());
    const blocks = order.map(block).join("");
    expect(["xxxyyy", "yyyxxx"]).toContain(blocks);
  });

  it("returns every judge of a real matrix exactly once", () => {
    const ws = twoJudges();
    const matrix = similarityMatrix(ws, ["a", "b"]);
    expect(clusterOrder(matrix)).toEqual(["a", "b"]);
  });
});
