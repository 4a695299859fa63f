/**
 * Test oracle: the posterior mode by plain cyclic coordinate descent, the solver the library
 * used before its proximal Newton method. Slow (every coordinate update visits its column's rows
 * many times) but each step is an exact one-dimensional minimisation, so it is easy to trust.
 * L1-penalised logistic regression:
 *
 *   minimise  Σ_i softplus(s_i) + Σ_j |w_j| / b,   s = X̃ w  (signed rows, see model/design.ts),
 *
 * solved by cyclic coordinate descent where each coordinate is minimised exactly: the one-
 * dimensional problem is convex, its minimiser is 0 when |∂L/∂w_j| at w_j = 0 is at most 1/b
 * (soft thresholding), otherwise the root of ∂L/∂w_j ± 1/b on the right side of 0, found by
 * Newton's method safeguarded with bisection. Stops when the KKT conditions hold to `tolerance`.
 */
import { sigmoid } from "@prefdissect/shared";
import { PRIOR_SCALE } from "../src/defaults.js";
import { toSparseDesign, type SparseDesign } from "../src/design.js";
import { asValidProblem, type Problem } from "../src/problem.js";
import { checkScale } from "../src/settings.js";
import type { ModeOptions, PosteriorMode } from "../src/mode.js";

interface Columns {
  readonly start: Int32Array;
  readonly row: Int32Array;
  readonly coef: Float64Array;
}

function toColumns(design: SparseDesign): Columns {
  const { rows, dim, rowStart, index, coef } = design;
  const counts = new Int32Array(dim + 1);
  for (let k = 0; k < index.length; k++) counts[index[k]! + 1] = counts[index[k]! + 1]! + 1;
  for (let j = 0; j < dim; j++) counts[j + 1] = counts[j + 1]! + counts[j]!;
  const start = Int32Array.from(counts);
  const fill = Int32Array.from(counts);
  const row = new Int32Array(index.length);
  const value = new Float64Array(index.length);
  // coef holds every entry's signed coefficient, the ±1 of the index lists included.
  for (let i = 0; i < rows; i++) {
    for (let k = rowStart[i]!; k < rowStart[i + 1]!; k++) {
      const j = index[k]!;
      const at = fill[j]!;
      fill[j] = at + 1;
      row[at] = i;
      value[at] = coef[k]!;
    }
  }
  return { start, row, coef: value };
}

function softplus(s: number): number {
  return Math.max(s, 0) + Math.log1p(Math.exp(-Math.abs(s)));
}

/**
 * Posterior mode of the weights under the Laplace(0, scale) prior (L1-penalised logistic
 * regression with penalty 1/scale), to KKT tolerance 1e-10 by default.
 */
export function fitPosteriorModeByCoordinateDescent(problem: Problem, options: ModeOptions = {}): PosteriorMode {
  const scale = options.scale ?? PRIOR_SCALE;
  const tolerance = options.tolerance ?? 1e-10;
  const maxSweeps = options.maxSweeps ?? 100_000;
  checkScale(scale);
  const design = toSparseDesign(asValidProblem(problem));
  const cols = toColumns(design);
  const { rows, dim } = design;
  const lambda = 1 / scale;
  const w = new Float64Array(dim);
  const s = new Float64Array(rows);

  // ∂L/∂w_j and ∂²L/∂w_j² when w_j moves by `shift` from its current value.
  let d1 = 0;
  let d2 = 0;
  const derivatives = (j: number, shift: number): void => {
    d1 = 0;
    d2 = 0;
    for (let k = cols.start[j]!; k < cols.start[j + 1]!; k++) {
      const x = cols.coef[k]!;
      const p = sigmoid(s[cols.row[k]!]! + x * shift);
      d1 += x * p;
      d2 += x * x * p * (1 - p);
    }
  };

  // Root of ∂L/∂w_j(t) + sign·λ for t on the side `sign` of 0 (increasing in t; known to exist).
  const solveSide = (j: number, sign: number): number => {
    const current = w[j]!;
    let lo = sign > 0 ? 0 : -1;
    let hi = sign > 0 ? 1 : 0;
    // Widen the bracket until the function changes sign across it.
    for (;;) {
      derivatives(j, (sign > 0 ? hi : lo) - current);
      const value = d1 + sign * lambda;
      if (sign > 0 ? value > 0 : value < 0) break;
      if (sign > 0) {
        lo = hi;
        hi *= 2;
      } else {
        hi = lo;
        lo *= 2;
      }
    }
    let t = current * sign > 0 ? Math.min(Math.max(current, lo), hi) : (lo + hi) / 2;
    for (let iter = 0; iter < 200; iter++) {
      derivatives(j, t - current);
      const value = d1 + sign * lambda;
      if (value > 0) hi = t;
      else lo = t;
      let next = d2 > 0 ? t - value / d2 : (lo + hi) / 2;
      if (!(next > lo && next < hi)) next = (lo + hi) / 2;
      if (Math.abs(next - t) <= 1e-16 * Math.max(1, Math.abs(t)) || hi - lo <= 1e-16 * Math.max(1, Math.abs(t))) return next;
      t = next;
    }
    return t;
  };

  const kkt = (): number => {
    let worst = 0;
    for (let j = 0; j < dim; j++) {
      derivatives(j, 0);
      const wj = w[j]!;
      const violation = wj !== 0 ? Math.abs(d1 + Math.sign(wj) * lambda) : Math.max(0, Math.abs(d1) - lambda);
      worst = Math.max(worst, violation);
    }
    return worst;
  };

  const recomputeLinear = (): void => {
    s.fill(0);
    for (let j = 0; j < dim; j++) {
      const wj = w[j]!;
      if (wj === 0) continue;
      for (let k = cols.start[j]!; k < cols.start[j + 1]!; k++) s[cols.row[k]!] = s[cols.row[k]!]! + cols.coef[k]! * wj;
    }
  };

  let sweeps = 0;
  let residual = Infinity;
  while (sweeps < maxSweeps) {
    sweeps++;
    for (let j = 0; j < dim; j++) {
      const current = w[j]!;
      derivatives(j, -current);
      let next = 0;
      if (d1 < -lambda) next = solveSide(j, 1);
      else if (d1 > lambda) next = solveSide(j, -1);
      const delta = next - current;
      if (delta !== 0) {
        for (let k = cols.start[j]!; k < cols.start[j + 1]!; k++) s[cols.row[k]!] = s[cols.row[k]!]! + cols.coef[k]! * delta;
        w[j] = next;
      }
    }
    recomputeLinear();
    residual = kkt();
    if (residual <= tolerance) break;
  }
  let objective = 0;
  for (let i = 0; i < rows; i++) objective += softplus(s[i]!);
  for (let j = 0; j < dim; j++) objective += lambda * Math.abs(w[j]!);
  return { weights: Array.from(w), objective, kktResidual: residual, sweeps, converged: residual <= tolerance };
}
