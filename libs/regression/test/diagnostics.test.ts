import { describe, expect, it } from "vitest";
import { createRandomStream } from "@prefdissect/shared";
import { normalQuantile } from "../src/diagnostics/normal-quantile.js";
import { rankDiagnostics } from "../src/diagnostics/rank-diagnostics.js";
import { rankNormalize } from "../src/diagnostics/rank.js";
import { basicRhat, bulkEss, splitRhat } from "../src/index.js";

function ar1(chains: number, draws: number, phi: number, seed: number, shift: (c: number) => number = () => 0) {
  const values = new Float64Array(chains * draws);
  for (let c = 0; c < chains; c++) {
    const rng = createRandomStream(seed, c);
    let x = rng.normal() / Math.sqrt(1 - phi * phi);
    for (let i = 0; i < draws; i++) {
      x = phi * x + rng.normal();
      values[c * draws + i] = x + shift(c);
    }
  }
  return { chains, draws, values };
}

describe("bulk ESS", () => {
  it("matches the AR(1) integrated autocorrelation time (1 + φ)/(1 − φ)", () => {
    for (const phi of [0, 0.5, 0.8]) {
      const m = ar1(4, 5000, phi, 3);
      const expected = (4 * 5000 * (1 - phi)) / (1 + phi);
      expect(bulkEss(m) / expected).toBeGreaterThan(0.85);
      expect(bulkEss(m) / expected).toBeLessThan(1.15);
    }
  });

  it("is the draw count for a constant quantity", () => {
    expect(bulkEss({ chains: 2, draws: 10, values: new Float64Array(20).fill(3) })).toBe(20);
  });
});

describe("split R-hat", () => {
  it("is about 1 for chains of the same distribution", () => {
    const r = splitRhat(ar1(4, 2000, 0.3, 8));
    expect(r).toBeGreaterThan(0.995);
    expect(r).toBeLessThan(1.01);
  });

  it("flags a chain stuck elsewhere, and a within-chain trend", () => {
    expect(splitRhat(ar1(4, 1000, 0.3, 9, (c) => (c === 0 ? 1 : 0)))).toBeGreaterThan(1.05);
    const trend = ar1(2, 1000, 0, 10);
    trend.values.forEach((v, i) => (trend.values[i] = v + (i % 1000) / 200));
    expect(splitRhat(trend)).toBeGreaterThan(1.05);
  });

  it("classic R-hat agrees with BDA3 on a hand example", () => {
    // Chain means 1 and 3, within variances 1 and 1, n = 3: B = 3·2 = 6, W = 1, R = √((6 + 2)/3).
    const r = basicRhat({ chains: 2, draws: 3, values: new Float64Array([0, 1, 2, 2, 3, 4]) });
    expect(r).toBeCloseTo(Math.sqrt(8 / 3), 12);
  });
});

describe("rank normalisation", () => {
  /** The definition: average 1-based rank over equal values, by counting. */
  function naiveScores(values: Float64Array): number[] {
    const n = values.length;
    return Array.from(values, (v) => {
      let below = 0;
      let equal = 0;
      for (const u of values) {
        if (u < v) below++;
        else if (u === v) equal++;
      }
      return normalQuantile((below + (equal + 1) / 2 - 0.375) / (n + 0.25));
    });
  }

  it("gives tied draws their average rank, whatever the sizes and ties", () => {
    const rng = createRandomStream(21, 0);
    for (const n of [1, 2, 3, 7, 64, 101]) {
      // Values from a small set, so runs of ties of every length occur (as repeated NUTS states do).
      const values = Float64Array.from({ length: n }, () => rng.integer(Math.max(1, n >> 2)) - 3);
      const scores = rankNormalize(values);
      naiveScores(values).forEach((z, i) => expect(scores[i]).toBe(z));
    }
  });

  it("ranks skewed, widely spread draws with ties exactly as a full count does", () => {
    // Heavy tails leave most search buckets empty and a few crowded: the bucketed search must not care.
    const rng = createRandomStream(22, 0);
    const values = Float64Array.from({ length: 3000 }, () => {
      const u = rng.uniform();
      return u < 0.2 ? -0 : u < 0.3 ? 0 : Math.sign(u - 0.6) * Math.exp(40 * rng.uniform());
    });
    const scores = rankNormalize(values);
    naiveScores(values).forEach((z, i) => expect(scores[i]).toBe(z));
  });

  it("R-hat and bulk ESS computed together equal the separate functions (odd and even draws)", () => {
    for (const draws of [400, 401]) {
      const m = ar1(4, draws, 0.5, 13, (c) => 0.1 * c);
      // Repeat some draws so the folded distances have ties on both sides of the median.
      for (let i = 0; i < m.values.length; i += 7) m.values[i + 1] = m.values[i]!;
      const sorted = Float64Array.from(m.values).sort();
      expect(rankDiagnostics(m, sorted)).toEqual({ rhat: splitRhat(m), essBulk: bulkEss(m) });
      expect(rankDiagnostics(m)).toEqual({ rhat: splitRhat(m), essBulk: bulkEss(m) });
    }
  });

  it("tail R-hat sorts the distances from the median correctly", () => {
    // Chains with the same centre but different spreads: only the folded (tail) R-hat sees it.
    const m = ar1(4, 1000, 0, 17);
    for (let i = 0; i < 1000; i++) m.values[i] = 3 * m.values[i]!;
    const split = { chains: 8, draws: 500, values: m.values };
    const z = rankNormalize(m.values);
    const bulk = basicRhat({ ...split, values: z });
    const sortedValues = Float64Array.from(m.values).sort();
    const centre = 0.5 * (sortedValues[1999]! + sortedValues[2000]!);
    const tail = basicRhat({ ...split, values: rankNormalize(m.values.map((v) => Math.abs(v - centre))) });
    expect(tail).toBeGreaterThan(1.05);
    expect(splitRhat(m)).toBe(Math.max(bulk, tail));
  });
});
