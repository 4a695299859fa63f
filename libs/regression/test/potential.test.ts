import { describe, expect, it } from "vitest";
import { LogisticLaplacePotential, toSparseDesign, validateProblem } from "../src/index.js";
import { simulate } from "./helpers.js";

function naivePotential(X: number[][], y: number[], w: number[], b: number): number {
  let u = w.length * Math.log(2 * b);
  for (const wj of w) u += Math.abs(wj) / b;
  X.forEach((row, i) => {
    const z = row.reduce((s, x, j) => s + x * w[j]!, 0);
    const p = 1 / (1 + Math.exp(-z));
    u -= y[i] === 1 ? Math.log(p) : Math.log(1 - p);
  });
  return u;
}

describe("LogisticLaplacePotential", () => {
  const data = simulate(700, [0.8, -0.5, 0, 0.3, 1.2], 5);
  // A non-ternary column exercises the general-coefficient path.
  data.X.forEach((row, i) => row.push(((i % 7) - 3) * 0.37));
  const problem = validateProblem(data);
  const potential = new LogisticLaplacePotential(toSparseDesign(problem), 0.1);
  const w = [0.21, -0.33, 0.05, 0.4, -0.12, 0.07];

  it("equals −log posterior computed naively", () => {
    const u = potential.evaluate(new Float64Array(w), new Float64Array(w.length));
    expect(u).toBeCloseTo(naivePotential(data.X, data.y, w, 0.1), 9);
  });

  it("has the gradient of its value (central differences away from w = 0)", () => {
    const grad = new Float64Array(w.length);
    potential.evaluate(new Float64Array(w), grad);
    const h = 1e-6;
    w.forEach((_, j) => {
      const plus = [...w];
      const minus = [...w];
      plus[j]! += h;
      minus[j]! -= h;
      const numeric = (naivePotential(data.X, data.y, plus, 0.1) - naivePotential(data.X, data.y, minus, 0.1)) / (2 * h);
      expect(grad[j]).toBeCloseTo(numeric, 4);
    });
  });

  it("uses sign(0) = 0 for the prior's gradient at w = 0 and stays finite for huge logits", () => {
    const grad = new Float64Array(w.length);
    const zeroW = new Float64Array(w.length);
    potential.evaluate(zeroW, grad);
    const likelihoodOnly = new LogisticLaplacePotential(toSparseDesign(problem), 1e12);
    const gradLik = new Float64Array(w.length);
    likelihoodOnly.evaluate(zeroW, gradLik);
    for (let j = 0; j < w.length; j++) expect(grad[j]).toBeCloseTo(gradLik[j]!, 9);
    const huge = new Float64Array(w.length).fill(800);
    const u = potential.evaluate(huge, grad);
    expect(Number.isFinite(u)).toBe(true);
    expect(grad.every(Number.isFinite)).toBe(true);
  });
});
