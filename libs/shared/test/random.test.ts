import { describe, expect, it } from "vitest";
import { createRandomStream, randomPermutation } from "../src/index.js";

describe("createRandomStream()", () => {
  it("repeats the same sequence for the same seed and stream", () => {
    const a = createRandomStream(7, 3);
    const b = createRandomStream(7, 3);
    const xs = Array.from({ length: 50 }, () => a.uniform());
    const ys = Array.from({ length: 50 }, () => b.uniform());
    expect(xs).toEqual(ys);
  });

  it("gives different sequences for different streams of one seed", () => {
    const a = createRandomStream(7, 0);
    const b = createRandomStream(7, 1);
    expect(a.uniform()).not.toBe(b.uniform());
  });

  it("draws uniforms in [0,1) with mean 1/2 and normals with mean 0 and variance 1", () => {
    const rng = createRandomStream(11);
    const n = 200_000;
    let su = 0;
    let sn = 0;
    let sn2 = 0;
    let lo = 1;
    let hi = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
      su += u;
      const z = rng.normal();
      sn += z;
      sn2 += z * z;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    expect(su / n).toBeCloseTo(0.5, 2);
    expect(sn / n).toBeCloseTo(0, 2);
    expect(sn2 / n).toBeCloseTo(1, 1);
  });
});

describe("randomPermutation()", () => {
  it("returns every index exactly once", () => {
    const p = randomPermutation(100, createRandomStream(1));
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(p).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});
