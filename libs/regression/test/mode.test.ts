import { describe, expect, it } from "vitest";
import { fitPosteriorMode, LogisticLaplacePotential, toSparseDesign, validateProblem } from "../src/index.js";
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
