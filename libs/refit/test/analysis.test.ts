import { describe, expect, it } from "vitest";
import { pearson } from "@prefdissect/similarity";
import { compareWeightSets, fastPearson, heldOutAccuracy, preferenceIntervals, quantile, similarityInterval, summariseComparison } from "../src/index.js";

describe("heldOutAccuracy()", () => {
  it("scores sign agreement on held-out rows and counts ties as half", () => {
    const X = [
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, 0],
    ];
    const y = [1, 0, 0, 1];
    const result = heldOutAccuracy(X, y, [
      { weights: [1, 1], heldOut: [0, 1] },
      { weights: [1, 1], heldOut: [2, 3] },
    ]);
    // rows 0,1 right; row 2 wrong (predicts A, label B); row 3 is a tie
    expect(result).toEqual({ accuracy: 2.5 / 4, rows: 4 });
  });

  it("has no accuracy (null, not a number) when no row was held out", () => {
    expect(heldOutAccuracy([[1, 0]], [1], [{ weights: [1, 0], heldOut: [] }])).toEqual({ accuracy: null, rows: 0 });
  });
});

describe("compareWeightSets()", () => {
  it("gives Pearson 1 and the max difference for a shifted copy", () => {
    const a = Array.from({ length: 29 }, (_, k) => Math.sin(k));
    const rows = compareWeightSets(new Map([["Code", new Map([["human", a.map((x) => x + 0.5)]])]]), new Map([["Code", new Map([["human", a]])]]));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.pearson).toBeCloseTo(1, 12);
    expect(rows[0]!.maxAbsDiff).toBeCloseTo(0.5, 12);
    expect(summariseComparison(rows).medianPearson).toBeCloseTo(1, 12);
  });
});

describe("intervals", () => {
  it("interpolates quantiles", () => {
    expect(quantile([0, 1, 2, 3, 4], 0.5)).toBe(2);
    expect(quantile([0, 10], 0.05)).toBeCloseTo(0.5, 12);
  });

  it("puts a 90 % interval around P(p) that contains the mean", () => {
    const draws = Array.from({ length: 1000 }, (_, s) => [Math.sin(s) * 0.5, 0]);
    const [wide, point] = preferenceIntervals(draws);
    expect(wide!.low).toBeLessThan(wide!.mean);
    expect(wide!.high).toBeGreaterThan(wide!.mean);
    expect(point).toEqual({ mean: 50, low: 50, high: 50 });
  });

  it("gives a degenerate similarity interval for identical judges", () => {
    const draws = Array.from({ length: 50 }, (_, s) => Array.from({ length: 5 }, (_, k) => Math.cos(s + k * k)));
    const interval = similarityInterval([draws], [draws]);
    expect(interval.low).toBeCloseTo(1, 12);
    expect(interval.high).toBeCloseTo(1, 12);
  });
});

describe("fastPearson()", () => {
  it("agrees with the similarity library's Pearson", () => {
    const a = Array.from({ length: 29 }, (_, k) => Math.sin(k * 1.3));
    const b = Array.from({ length: 29 }, (_, k) => Math.cos(k * 0.7) + k / 30);
    expect(fastPearson(a, b)).toBeCloseTo(pearson(a, b), 12);
  });
});
