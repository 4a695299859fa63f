import { describe, expect, it } from "vitest";
import { fitPosteriorMode, LogisticLaplacePotential, toSparseDesign, validateProblem } from "../src/index.js";
import { createRandomStream } from "@prefdissect/shared";
import { fitPosteriorModeByCoordinateDescent } from "./coordinate-descent-mode.js";
import { simulate } from "./helpers.js";

describe("fitPosteriorMode()", () => {
  const problem = simulate(300, [0.6, -0.4, 0, 0.05, 0.9, 0], 41);
  const mode = fitPosteriorMode(problem, { scale: 0.1 });
  // the binary64 reference loop: a 1e-12 comparison is below the WebAssembly kernel's binary32 rounding
  const potential = new LogisticLaplacePotential(toSparseDesign(validateProblem(problem)), 0.1, "js");
  const grad = new Float64Array(6);
  const u = (w: number[]) => potential.evaluate(new Float64Array(w), grad);

  it("converges to the KKT tolerance and sets weak weights exactly to 0", () => {
    expect(mode.converged).toBe(true);
    expect(mode.kktResidual).toBeLessThanOrEqual(1e-10);
    expect(mode.weights.some((w) => w === 0)).toBe(true);
  });

  it("is a minimum of the negative log posterior: no coordinate or random move lowers it", () => {
    const best = u(mode.weights);
    for (let j = 0; j < 6; j++) {
      for (const step of [1e-4, -1e-4, 1e-2, -1e-2]) {
        const w = [...mode.weights];
        w[j]! += step;
        expect(u(w)).toBeGreaterThan(best - 1e-12);
      }
    }
    for (let t = 0; t < 50; t++) {
      const w = mode.weights.map((v, j) => v + 0.01 * Math.sin(7 * t + 3 * j));
      expect(u(w)).toBeGreaterThan(best - 1e-12);
    }
  });

  it("shrinks everything to 0 under a very tight prior", () => {
    expect(fitPosteriorMode(problem, { scale: 1e-4 }).weights).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe("fitPosteriorMode() against plain coordinate descent", () => {
  /** n rows of d features: ternary with probability `density` of a non-zero, or normal if `general`. */
  function randomProblem(n: number, weights: number[], seed: number, shape: { density?: number; general?: boolean; separable?: boolean } = {}) {
    const rng = createRandomStream(seed, 7);
    const X: number[][] = [];
    const y: number[] = [];
    while (X.length < n) {
      const row = weights.map(() => (shape.general ? rng.normal() : rng.uniform() < (shape.density ?? 0.4) ? (rng.uniform() < 0.5 ? -1 : 1) : 0));
      const logit = row.reduce((s, x, j) => s + x * weights[j]!, 0);
      // Separable: the label is the side of the hyperplane (rows on it are dropped).
      if (shape.separable && logit === 0) continue;
      X.push(row);
      y.push(shape.separable ? (logit > 0 ? 1 : 0) : rng.uniform() < 1 / (1 + Math.exp(-logit)) ? 1 : 0);
    }
    return { X, y };
  }

  /** KKT violation from the definition, straight from X and y: no shared code with the solver. */
  function kktFromScratch(problem: { X: number[][]; y: number[] }, w: number[], scale: number): number {
    const gradient = w.map(() => 0);
    problem.X.forEach((row, i) => {
      const logit = row.reduce((s, x, j) => s + x * w[j]!, 0);
      const residual = 1 / (1 + Math.exp(-logit)) - problem.y[i]!; // ∂(−log-likelihood)/∂logit
      row.forEach((x, j) => (gradient[j]! += residual * x));
    });
    return Math.max(...w.map((wj, j) => (wj !== 0 ? Math.abs(gradient[j]! + Math.sign(wj) / scale) : Math.max(0, Math.abs(gradient[j]!) - 1 / scale))));
  }

  const weights12 = [0.9, -0.5, 0.3, 0, 0.1, -0.05, 0, 0.6, -0.8, 0, 0.02, 0.4];
  const cases: { name: string; problem: { X: number[][]; y: number[] }; scale: number }[] = [
    ...[1, 2, 3].map((seed) => ({ name: `ternary, 400 rows, seed ${seed}`, problem: randomProblem(400, weights12, seed), scale: 0.1 })),
    { name: "ternary, 2,000 rows, sparse rows", problem: randomProblem(2000, weights12, 4, { density: 0.15 }), scale: 0.1 },
    { name: "mostly zero weights", problem: randomProblem(400, [0.8, 0, 0, 0, 0, -0.6, 0, 0, 0, 0.2], 5), scale: 0.1 },
    { name: "general (non-ternary) features", problem: randomProblem(300, [0.5, -0.3, 0, 0.2, 0, -0.6], 6, { general: true }), scale: 0.1 },
    { name: "separable, weak prior", problem: randomProblem(120, [2, -1.5, 1, 0.5], 7, { separable: true }), scale: 2 },
    { name: "separable, paper prior", problem: randomProblem(200, [2, -1.5, 1, 0.5, 0, 0], 8, { separable: true }), scale: 0.1 },
  ];
  // Near-separable: one flipped label in a separable set.
  const nearly = randomProblem(150, [1.5, -1, 0.7, 0.2], 9, { separable: true });
  nearly.y[0] = 1 - nearly.y[0]!;
  cases.push({ name: "near-separable, weak prior", problem: nearly, scale: 5 });
  // Ternary and general rows mixed in one problem.
  const mixed = randomProblem(300, [0.4, -0.4, 0.2, 0], 10);
  mixed.X.forEach((row, i) => i % 7 === 0 && (row[i % 4] = 0.5 + (i % 3)));
  cases.push({ name: "ternary rows mixed with general ones", problem: mixed, scale: 0.1 });

  it.each(cases)("$name: same weights, zeros and objective, KKT to 1e-10", ({ problem, scale }) => {
    const fast = fitPosteriorMode(problem, { scale });
    const oracle = fitPosteriorModeByCoordinateDescent(problem, { scale });
    expect(oracle.converged).toBe(true);
    expect(fast.converged).toBe(true);
    expect(fast.kktResidual).toBeLessThanOrEqual(1e-10);
    expect(kktFromScratch(problem, fast.weights, scale)).toBeLessThan(1e-9);
    expect(fast.weights.map((w) => w === 0)).toEqual(oracle.weights.map((w) => w === 0));
    fast.weights.forEach((w, j) => expect(Math.abs(w - oracle.weights[j]!)).toBeLessThan(1e-8));
    expect(Math.abs(fast.objective - oracle.objective)).toBeLessThan(1e-9 * Math.max(1, oracle.objective));
    // A handful of Newton steps, not coordinate-descent sweeps.
    expect(fast.sweeps).toBeLessThanOrEqual(30);
  });

  it("has both exact zeros and non-zeros on the 'mostly zero weights' problem (the case is not vacuous)", () => {
    const { problem, scale } = cases.find((c) => c.name === "mostly zero weights")!;
    const zeros = fitPosteriorMode(problem, { scale }).weights.filter((w) => w === 0).length;
    expect(zeros).toBeGreaterThanOrEqual(5);
    expect(zeros).toBeLessThan(10);
  });

  it("reports no convergence when given too few steps", () => {
    const fit = fitPosteriorMode(cases[0]!.problem, { maxSweeps: 1 });
    expect(fit.sweeps).toBe(1);
    expect(fit.converged).toBe(false);
    expect(fit.kktResidual).toBeGreaterThan(1e-10);
  });
});
