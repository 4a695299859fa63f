import { afterAll, describe, expect, it } from "vitest";
import { fitKFold, fitPosterior, fitPosteriorMode } from "../src/index.js";
import { createFitPool } from "../src/node.js";
import { simulate } from "./helpers.js";

describe("createFitPool()", () => {
  const pool = createFitPool({ workers: 2 });
  afterAll(() => pool.close());
  const problem = simulate(150, [0.5, -0.3, 0, 0.2, 0.1, -0.4], 31);
  const options = { warmup: 150, samples: 200, seed: 12, keepDraws: 50 };

  it("gives draws identical to a single-thread fit with the same seed", async () => {
    const pooled = await pool.fit(problem, options);
    const single = fitPosterior(problem, options);
    expect(pooled.draws).toEqual(single.draws);
    expect(pooled).toEqual(single);
  });

  it("changes the draws with the seed and keeps chains independent", async () => {
    const a = await pool.fit(problem, options);
    const b = await pool.fit(problem, { ...options, seed: 13 });
    expect(a.draws).not.toEqual(b.draws);
    const steps = a.diagnostics.chains.map((c) => c.stepSize);
    expect(new Set(steps).size).toBe(steps.length);
  });

  it("runs k-fold fits in parallel with the same result as in-thread", async () => {
    const kfold = { ...options, keepDraws: undefined, folds: 3, samples: 100 };
    const pooled = await pool.fitKFold(problem, kfold);
    const single = fitKFold(problem, kfold);
    expect(pooled.mean).toEqual(single.mean);
    expect(pooled.folds.map((f) => f.heldOut)).toEqual(single.folds.map((f) => f.heldOut));
  });

  it("fits posterior modes on the workers, identical to in-thread, several at once", async () => {
    const problems = [problem, simulate(400, [0.2, 0.7, -0.5, 0, 0, 0.3], 5), simulate(90, [-0.6, 0.1, 0.4, 0.2, -0.1, 0], 8)];
    const pooled = await Promise.all(problems.map((p, k) => pool.fitMode(p, { scale: 0.1 + k / 10 })));
    pooled.forEach((mode, k) => expect(mode).toEqual(fitPosteriorMode(problems[k]!, { scale: 0.1 + k / 10 })));
    expect(pooled[0]!.weights).not.toEqual(pooled[1]!.weights);
  });

  it("checks a mode fit's problem on the calling thread, and reports a failure in the worker", async () => {
    await expect(pool.fitMode({ X: [[1, 2], [3]], y: [0, 1] })).rejects.toMatchObject({ code: "bad-problem" });
    await expect(pool.fitMode(problem, { scale: -1 })).rejects.toThrow(/posterior-mode fit failed in a worker/);
    // The pool still works after a failed job.
    expect(await pool.fitMode(problem)).toEqual(fitPosteriorMode(problem));
  });
});
