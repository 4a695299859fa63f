import { createRandomStream, randomPermutation } from "@prefdissect/shared";
import { describe, expect, it } from "vitest";
import {
  combineFolds,
  fitKFold,
  fitPosterior,
  planFit,
  planKFold,
  planKFoldFits,
  resolvePermutation,
  runChains,
  summarizeChains,
  toSparseDesign,
  validateProblem,
  type PosteriorFit,
} from "../src/index.js";
import { PERMUTATION_STREAM } from "../src/streams.js";
import { simulate } from "./helpers.js";

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
    // no seed is seed 0
    expect(resolvePermutation(50, {})).toEqual(resolvePermutation(50, { seed: 0 }));
  });

  it("rejects impossible fold counts", () => {
    expect(() => planKFold(5, 6, [0, 1, 2, 3, 4])).toThrow(/folds must be/);
    expect(() => planKFold(5, 0, [0, 1, 2, 3, 4])).toThrow(/folds must be a whole number from 1/);
    expect(() => planKFold(5, 1.5, [0, 1, 2, 3, 4])).toThrow(/folds must be/);
    const error = (() => {
      try {
        planKFold(5, 6, [0, 1, 2, 3, 4]);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toMatchObject({
      code: "bad-folds",
      place: { field: "folds" },
      message: "folds must be a whole number from 1 to the number of rows (5), got 6.",
    });
  });

  it("allows as many folds as rows: leave-one-out", () => {
    const folds = planKFold(5, 5, [3, 1, 4, 0, 2]);
    expect(folds.map((fold) => fold.heldOut)).toEqual([[3], [1], [4], [0], [2]]);
    expect(folds[2]!.train).toEqual([3, 1, 0, 2]);
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

/** A fold fit whose posterior mean is `mean` (the other fields are placeholders the average ignores). */
function foldFitWithMean(mean: number[]): PosteriorFit {
  return foldFit({ mean });
}

interface FoldFitFields {
  readonly mean: number[];
  readonly spread?: number;
  readonly maxRhat?: number;
  readonly minEssBulk?: number;
  readonly divergences?: number;
  readonly meanAcceptProb?: number;
  readonly gradientEvaluations?: number;
  readonly warnings?: string[];
}

/** A fold fit with the given mean; sd, q05, q50 and q95 are mean·spread, −1, +0 and +1 apart. */
function foldFit(fields: FoldFitFields): PosteriorFit {
  const { mean, spread = 0 } = fields;
  const zeros = mean.map(() => 0);
  return {
    mean,
    sd: mean.map((m) => m * spread),
    q05: mean.map((m) => m - spread),
    q50: mean,
    q95: mean.map((m) => m + spread),
    diagnostics: {
      rhat: zeros,
      essBulk: zeros,
      maxRhat: fields.maxRhat ?? 1,
      minEssBulk: fields.minEssBulk ?? 1,
      divergences: fields.divergences ?? 0,
      warmupDivergences: 0,
      meanAcceptProb: fields.meanAcceptProb ?? 0.8,
      treeDepthCounts: [],
      maxTreeDepthHits: 0,
      chains: [],
      gradientEvaluations: fields.gradientEvaluations ?? 0,
    },
    warnings: fields.warnings ?? [],
    settings: { warmup: 1, samples: 1, maxTreeDepth: 10, targetAcceptRate: 0.8, maxDeltaEnergy: 1000, initRadius: 2, chains: 1, scale: 0.1, seed: 0 },
  };
}

describe("the k-fold procedure (which rows each fold fits, and how the folds combine)", () => {
  // 47 rows in 5 folds: 9 held out per fold, and 2 shuffled rows never held out
  const problem = validateProblem(simulate(47, [0.5, -0.3, 0.2, 0, 0.1], 61));

  it("trains each fold on exactly the rows it does not hold out, and gives its chains those rows", () => {
    const { permutation, folds, plans } = planKFoldFits(problem, { folds: 5, seed: 8 });
    expect(folds).toHaveLength(5);
    folds.forEach((fold, i) => {
      const heldOut = new Set(fold.heldOut);
      expect(heldOut.size).toBe(9);
      expect(fold.train).toEqual(permutation.filter((row) => !heldOut.has(row)));
      for (const task of plans[i]!.tasks) expect(task.design).toEqual(toSparseDesign(problem, fold.train));
    });
  });

  it("makes 10 folds unless told otherwise", () => {
    expect(planKFoldFits(problem, { seed: 8 }).folds.map((fold) => fold.heldOut.length)).toEqual(new Array(10).fill(4));
  });

  it("shuffles with the permutation the seed gives, or with the one passed in", () => {
    const fromSeed = randomPermutation(47, createRandomStream(8, PERMUTATION_STREAM));
    const planned = planKFoldFits(problem, { folds: 5, seed: 8 });
    expect(planned.permutation).toEqual(fromSeed);
    expect(planned.folds.map((fold) => fold.heldOut)).toEqual([0, 9, 18, 28, 37].map((start) => fromSeed.slice(start, start + 9)));
    // pinned: a change of the random stream or of the shuffle would change every seeded k-fold result
    expect(resolvePermutation(12, { seed: 8 })).toEqual([2, 11, 3, 8, 4, 6, 9, 1, 7, 10, 0, 5]);
    const given = [...fromSeed].reverse();
    const explicit = planKFoldFits(problem, { folds: 5, seed: 8, permutation: given });
    expect(explicit.permutation).toEqual(given);
    expect(explicit.folds[0]!.heldOut).toEqual(given.slice(0, 9));
  });

  it("averages the folds' posterior means with equal weights", () => {
    const folds = planKFold(8, 4, [0, 1, 2, 3, 4, 5, 6, 7]);
    // quarters and sums of quarters are exact in binary64, so the plain mean is exact too
    const means = [
      [1, -2],
      [4, 0.5],
      [-0.5, 3],
      [2.5, 0],
    ];
    const combined = combineFolds(folds, means.map(foldFitWithMean), [0, 1, 2, 3, 4, 5, 6, 7]);
    expect(combined.mean).toEqual([(1 + 4 - 0.5 + 2.5) / 4, (-2 + 0.5 + 3 + 0) / 4]);
    expect(combined.folds.map((fold) => fold.fit.mean)).toEqual(means);
  });

  it("averages the spread, takes the worst diagnostics over the folds, and labels each fold's warnings", () => {
    const folds = planKFold(8, 2, [7, 6, 5, 4, 3, 2, 1, 0]);
    const fits = [
      foldFit({ mean: [1, 2], spread: 0.5, maxRhat: 1.02, minEssBulk: 300, divergences: 1, meanAcceptProb: 0.75, gradientEvaluations: 100, warnings: ["a"] }),
      foldFit({
        mean: [3, -2],
        spread: 0.25,
        maxRhat: 1.08,
        minEssBulk: 200,
        divergences: 2,
        meanAcceptProb: 0.875,
        gradientEvaluations: 50,
        warnings: ["b", "c"],
      }),
    ];
    const combined = combineFolds(folds, fits, [7, 6, 5, 4, 3, 2, 1, 0]);
    expect(combined.sd).toEqual([(0.5 + 0.75) / 2, (1 - 0.5) / 2]);
    expect(combined.q05).toEqual([(0.5 + 2.75) / 2, (1.5 - 2.25) / 2]);
    expect(combined.q50).toEqual([2, 0]);
    expect(combined.q95).toEqual([(1.5 + 3.25) / 2, (2.5 - 1.75) / 2]);
    expect(combined.diagnostics).toEqual({ maxRhat: 1.08, minEssBulk: 200, divergences: 3, meanAcceptProb: 0.8125, gradientEvaluations: 150 });
    expect(combined.warnings).toEqual(["fold 0: a", "fold 1: b", "fold 1: c"]);
    expect(combined.permutation).toEqual([7, 6, 5, 4, 3, 2, 1, 0]);
    expect(combined.folds.map((fold) => [fold.index, fold.heldOut])).toEqual([
      [0, [7, 6, 5, 4]],
      [1, [3, 2, 1, 0]],
    ]);
  });

  it("fits each fold on its own rows with its own streams, and reports their plain mean (fitKFold)", () => {
    // a few draws suffice: what is checked is which rows and streams each fold's fit used
    const options = { folds: 5, seed: 8, warmup: 0, samples: 4 };
    const progress: [number, number][] = [];
    const kfold = fitKFold(problem, { ...options, onFold: (done, total) => progress.push([done, total]) });
    expect(progress).toEqual([
      [1, 5],
      [2, 5],
      [3, 5],
      [4, 5],
      [5, 5],
    ]);
    const expected = planKFoldFits(problem, options).folds;
    expect(kfold.folds.map((fold) => fold.heldOut)).toEqual(expected.map((fold) => fold.heldOut));
    kfold.folds.forEach((fold, i) => {
      const plan = planFit(problem, options, expected[i]!.train, i);
      expect(fold.fit).toEqual(summarizeChains(runChains(plan.tasks), plan.echo));
    });
    kfold.mean.forEach((m, j) => {
      const plain = kfold.folds.reduce((sum, fold) => sum + fold.fit.mean[j]!, 0) / kfold.folds.length;
      expect(m).toBeCloseTo(plain, 14);
    });
  });
});
