import { describe, expect, it } from "vitest";
import { createRandomStream } from "@prefdissect/shared";
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
