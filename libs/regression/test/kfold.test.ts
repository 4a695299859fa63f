import { describe, expect, it } from "vitest";
import { fitKFold, fitPosterior, planKFold, resolvePermutation } from "../src/index.js";

describe("planKFold()", () => {
  it("drops the i-th contiguous block of the shuffled rows, as int(i/k·n) … + int(n/k)", () => {
    const permutation = Array.from({ length: 109 }, (_, i) => (i * 37) % 109);
    const folds = planKFold(109, 10, permutation);
    // Python: [int(i / 10 * 109) for i in range(10)] (0.3·109 = 32.699… → 32; 0.7·109 = 76.3 → 76)
    const starts = [0, 10, 21, 32, 43, 54, 65, 76, 87, 98];
    folds.forEach((fold, i) => {
      expect(fold.heldOut).toEqual(permutation.slice(starts[i], starts[i]! + 10));
      expect(fold.train.length).toBe(99);
      expect(new Set([...fold.train, ...fold.heldOut]).size).toBe(109);
    });
    // 109 − 10·10 = 9 shuffled positions are never held out (the paper's code does the same).
    const everHeldOut = new Set(folds.flatMap((f) => f.heldOut));
    const skipped = [20, 31, 42, 53, 64, 75, 86, 97, 108].map((p) => permutation[p]);
    expect(permutation.filter((r) => !everHeldOut.has(r))).toEqual(skipped);
  });

  it("reproduces double-precision rounding of the fold start (Python: int(7 / 10 * 90) = 62, not 63)", () => {
    const permutation = Array.from({ length: 90 }, (_, i) => i);
    expect(planKFold(90, 10, permutation)[7]!.heldOut[0]).toBe(62);
  });

  it("draws a seeded permutation when none is given", () => {
    const a = resolvePermutation(50, { seed: 4 });
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(resolvePermutation(50, { seed: 4 })).toEqual(a);
    expect(resolvePermutation(50, { seed: 5 })).not.toEqual(a);
  });

  it("rejects impossible fold counts", () => {
    expect(() => planKFold(5, 6, [0, 1, 2, 3, 4])).toThrow(/folds must be/);
    expect(() => planKFold(5, 0, [0, 1, 2, 3, 4])).toThrow(/folds must be a whole number from 1/);
    expect(() => planKFold(5, 1.5, [0, 1, 2, 3, 4])).toThrow(/folds must be/);
  });

  it("plans one fold as a fit on every row, in their original order, holding nothing out", () => {
    expect(planKFold(5, 1, [3, 1, 4, 0, 2])).toEqual([{ index: 0, heldOut: [], train: [0, 1, 2, 3, 4] }]);
  });
});

describe("fitKFold() with one fold", () => {
  it("is the plain fit on all rows, draw for draw", () => {
    const X = Array.from({ length: 40 }, (_, i) => [((i * 7) % 3) - 1, ((i * 5) % 3) - 1]);
    const y = X.map(([a, b], i) => (a! + b! > 0 || (a! + b! === 0 && i % 2 === 0) ? 1 : 0));
    const options = { chains: 2, warmup: 60, samples: 80, seed: 3, keepDraws: 10 };
    const plain = fitPosterior({ X, y }, options);
    const single = fitKFold({ X, y }, { ...options, folds: 1 });
    expect(single.folds).toHaveLength(1);
    expect(single.folds[0]!.heldOut).toEqual([]);
    expect(single.mean).toEqual(plain.mean);
    expect(single.folds[0]!.fit.draws).toEqual(plain.draws);
  });
});
