/**
 * The fast path's exact answer: the posterior mode, i.e. L1-penalised logistic regression
 *
 *   minimise  F(w) = L(w) + λ‖w‖₁,   L(w) = Σ_i softplus(s_i),   s = X̃ w,   λ = 1/b
 *
 * (signed rows, see design.ts), solved by proximal Newton steps in the manner of newGLMNET:
 *
 * 1. one pass over the rows gives the gradient g and the d×d Hessian H of L at w (d = 29 here, so
 *    H is small however many rows there are);
 * 2. the penalised quadratic model  gᵀ(u−w) + ½(u−w)ᵀH(u−w) + λ‖u‖₁  is minimised over u by
 *    cyclic coordinate descent; each coordinate is soft thresholding, which is what puts weak
 *    weights at exactly 0, and no row is visited;
 * 3. a backtracking line search on the true F along u − w guarantees descent where the model is
 *    poor (far from the mode, near-separable data); near the mode the full step is taken and the
 *    convergence is quadratic.
 *
 * A fit therefore costs a handful of row passes (one for the model, usually one for the step)
 * rather than the thousands that coordinate descent on F itself needs: each of its coordinate
 * updates has to visit the column's rows.
 *
 * The stopping rule is the KKT check (∂L/∂w_j = −λ·sign(w_j) where w_j ≠ 0, |∂L/∂w_j| ≤ λ where
 * w_j = 0) to an absolute tolerance of 1e-10. With a million rows the gradient is a sum of a
 * million terms of order 1, whose plain rounding error grows like √n and reaches the order of the
 * tolerance there; so rows are summed plainly in blocks and the blocks with Neumaier's
 * compensation. For the same reason the line search measures the change of F directly (per row,
 * log1p(σ(s)·expm1(Δs)), compensated) instead of subtracting two totals of order 10⁵ that differ
 * in the 15th digit near the mode.
 */
import { sigmoid } from "@prefdissect/shared";
import { PRIOR_SCALE } from "./defaults.js";
import { toSparseDesign, type SparseDesign } from "./design.js";
import { asValidProblem, type Problem } from "./problem.js";
import { checkScale } from "./settings.js";

export interface ModeOptions {
  /** Laplace prior scale b (default 0.1). */
  readonly scale?: number;
  /** Largest allowed KKT violation (default 1e-10). */
  readonly tolerance?: number;
  /** Give up after this many Newton steps (default 1 000; a fit usually needs fewer than 15). */
  readonly maxSweeps?: number;
}

/** Posterior mode (MAP) under the Laplace prior. */
export interface PosteriorMode {
  readonly weights: number[];
  /** Minimised objective: negative log posterior up to its constant. */
  readonly objective: number;
  /** Largest KKT violation at `weights`. */
  readonly kktResidual: number;
  /** Newton steps taken (outer iterations); each costs about two passes over the rows. */
  readonly sweeps: number;
  readonly converged: boolean;
}

/** Adds `value` to sums[j] with Neumaier's compensation, kept in compensation[j]. */
function addCompensated(sums: Float64Array, compensation: Float64Array, j: number, value: number): void {
  const old = sums[j]!;
  const sum = old + value;
  compensation[j] = compensation[j]! + (Math.abs(old) >= Math.abs(value) ? old - sum + value : value - sum + old);
  sums[j] = sum;
}

/** The quadratic model of L at w: s = X̃w, its gradient and its Hessian. */
interface QuadraticModel {
  readonly s: Float64Array;
  readonly gradient: Float64Array;
  /** Row-major d×d. */
  readonly hessian: Float64Array;
}

function addTo(sums: Float64Array, at: number, value: number): void {
  sums[at] = sums[at]! + value;
}

/** Rows whose gradient terms are summed plainly before they join the compensated total. */
const GRADIENT_BLOCK = 1024;

/** One pass over the rows: s = X̃w, g = X̃ᵀσ(s) and H = X̃ᵀ diag(σ(s)(1 − σ(s))) X̃. */
function quadraticModel(design: SparseDesign, w: Float64Array, s: Float64Array): QuadraticModel {
  const { rows, dim, rowStart, plusEnd, minusEnd, index, coef } = design;
  const gradient = new Float64Array(dim);
  const compensation = new Float64Array(dim);
  // Partial sums over a block of rows stay small, so plain summation loses nothing there.
  const block = new Float64Array(dim);
  // Each row adds to one triangle in its own entry order; the two triangles are folded below.
  const upper = new Float64Array(dim * dim);
  for (let i = 0; i < rows; i++) {
    const start = rowStart[i]!;
    const plus = plusEnd[i]!;
    const minus = minusEnd[i]!;
    const end = rowStart[i + 1]!;
    let si = 0;
    for (let k = start; k < end; k++) si += coef[k]! * w[index[k]!]!;
    s[i] = si;
    // σ(s) and σ(s)(1 − σ(s)) from one exp that cannot overflow; the latter without cancellation.
    const e = Math.exp(-Math.abs(si));
    const q = 1 / (1 + e);
    const p = si >= 0 ? q : e * q;
    const curvature = e * q * q;
    for (let k = start; k < end; k++) addTo(block, index[k]!, coef[k]! * p);
    if (minus === end) {
      // Ternary row (the usual case): a product of two entries is +1 within the +1 run or the −1
      // run and −1 across them, so the Hessian needs no multiplications.
      for (let a = start; a < plus; a++) {
        const base = index[a]! * dim;
        for (let b = a; b < plus; b++) addTo(upper, base + index[b]!, curvature);
        for (let b = plus; b < minus; b++) addTo(upper, base + index[b]!, -curvature);
      }
      for (let a = plus; a < minus; a++) {
        const base = index[a]! * dim;
        for (let b = a; b < minus; b++) addTo(upper, base + index[b]!, curvature);
      }
    } else {
      for (let a = start; a < end; a++) {
        const scaled = curvature * coef[a]!;
        const base = index[a]! * dim;
        for (let b = a; b < end; b++) addTo(upper, base + index[b]!, scaled * coef[b]!);
      }
    }
    if ((i + 1) % GRADIENT_BLOCK === 0 || i === rows - 1) {
      for (let j = 0; j < dim; j++) addCompensated(gradient, compensation, j, block[j]!);
      block.fill(0);
    }
  }
  const hessian = new Float64Array(dim * dim);
  for (let j = 0; j < dim; j++) {
    gradient[j] = gradient[j]! + compensation[j]!;
    hessian[j * dim + j] = upper[j * dim + j]!;
    for (let k = j + 1; k < dim; k++) {
      const value = upper[j * dim + k]! + upper[k * dim + j]!;
      hessian[j * dim + k] = value;
      hessian[k * dim + j] = value;
    }
  }
  return { s, gradient, hessian };
}

/** Largest KKT violation of F = smooth + λ‖w‖₁ at w, given the smooth part's gradient. */
function kktResidual(gradient: ArrayLike<number>, w: Float64Array, lambda: number): number {
  let worst = 0;
  for (let j = 0; j < w.length; j++) {
    const wj = w[j]!;
    const gj = gradient[j]!;
    const violation = wj !== 0 ? Math.abs(gj + Math.sign(wj) * lambda) : Math.max(0, Math.abs(gj) - lambda);
    worst = Math.max(worst, violation);
  }
  return worst;
}

/**
 * Minimises the penalised quadratic model gᵀ(u−w) + ½(u−w)ᵀH(u−w) + λ‖u‖₁ by cyclic coordinate
 * descent from u = w, until the model's own KKT violation is at most `tolerance` (or a sweep cap:
 * the outer line search copes with an inexact answer).
 */
function minimiseModel(model: QuadraticModel, w: Float64Array, lambda: number, tolerance: number): Float64Array {
  const { gradient: g, hessian: H } = model;
  const dim = w.length;
  const u = Float64Array.from(w);
  const shift = new Float64Array(dim); // H(u − w)
  const modelGradient = new Float64Array(dim);
  for (let sweep = 0; sweep < 10_000; sweep++) {
    for (let j = 0; j < dim; j++) {
      const a = H[j * dim + j]!;
      // No curvature: no row uses the column (its gradient is 0 too) or every such row is saturated.
      if (!(a > 0)) continue;
      const c = g[j]! + shift[j]! - a * u[j]!; // slope of the model's smooth part at u_j = 0
      const next = c < -lambda ? (-c - lambda) / a : c > lambda ? (-c + lambda) / a : 0;
      const delta = next - u[j]!;
      if (delta === 0) continue;
      u[j] = next;
      for (let k = 0; k < dim; k++) shift[k] = shift[k]! + H[k * dim + j]! * delta;
    }
    // Recompute H(u − w) afresh for the check, so that rounding in the running update cannot
    // make it pass or fail.
    for (let k = 0; k < dim; k++) {
      let sum = g[k]!;
      for (let j = 0; j < dim; j++) sum += H[k * dim + j]! * (u[j]! - w[j]!);
      modelGradient[k] = sum;
      shift[k] = sum - g[k]!;
    }
    if (kktResidual(modelGradient, u, lambda) <= tolerance) break;
  }
  return u;
}

/** Change of λ|w_j| when w_j moves by `step`, without the cancellation of |w_j + step| − |w_j|. */
function penaltyChange(wj: number, step: number, lambda: number): number {
  const moved = wj + step;
  if (wj > 0 && moved >= 0) return lambda * step;
  if (wj < 0 && moved <= 0) return -lambda * step;
  return lambda * (Math.abs(moved) - Math.abs(wj));
}

/** z = X̃ direction. */
function rowSteps(design: SparseDesign, direction: Float64Array, z: Float64Array): void {
  const { rows, rowStart, index, coef } = design;
  for (let i = 0; i < rows; i++) {
    let zi = 0;
    for (let k = rowStart[i]!; k < rowStart[i + 1]!; k++) zi += coef[k]! * direction[index[k]!]!;
    z[i] = zi;
  }
}

/** L(w + t·direction) − L(w) as a compensated sum of per-row changes, given s = X̃w and z = X̃·direction. */
function dataTermChange(s: Float64Array, z: Float64Array, t: number): number {
  const sum = new Float64Array(1);
  const compensation = new Float64Array(1);
  for (let i = 0; i < s.length; i++) {
    const step = t * z[i]!;
    if (step === 0) continue;
    const si = s[i]!;
    // softplus(s + Δ) − softplus(s) = log1p(σ(s)·expm1(Δ)): exact to rounding of the change itself.
    // For large steps expm1 could overflow; there the plain difference is accurate enough.
    const term = Math.abs(step) < 30 ? Math.log1p(sigmoid(si) * Math.expm1(step)) : softplus(si + step) - softplus(si);
    addCompensated(sum, compensation, 0, term);
  }
  return sum[0]! + compensation[0]!;
}

function softplus(s: number): number {
  return Math.max(s, 0) + Math.log1p(Math.exp(-Math.abs(s)));
}

/** Armijo constant and the most step halvings the line search tries. */
const SUFFICIENT_DECREASE = 0.01;
const MAX_HALVINGS = 60;

/**
 * Posterior mode of the weights under the Laplace(0, scale) prior (L1-penalised logistic
 * regression with penalty 1/scale, no intercept), to KKT tolerance 1e-10 by default.
 */
export function fitPosteriorMode(problem: Problem, options: ModeOptions = {}): PosteriorMode {
  const scale = options.scale ?? PRIOR_SCALE;
  const tolerance = options.tolerance ?? 1e-10;
  const maxSweeps = options.maxSweeps ?? 1_000;
  checkScale(scale);
  const design = toSparseDesign(asValidProblem(problem));
  const { rows, dim } = design;
  const lambda = 1 / scale;
  const w = new Float64Array(dim);
  const s = new Float64Array(rows);
  const z = new Float64Array(rows);
  const direction = new Float64Array(dim);

  let sweeps = 0;
  let residual = Infinity;
  for (;;) {
    const model = quadraticModel(design, w, s);
    residual = kktResidual(model.gradient, w, lambda);
    if (residual <= tolerance || sweeps >= maxSweeps) break;
    // Solving the model much more exactly than the current violation buys nothing far from the
    // mode; near it, the model's answer must beat the tolerance itself.
    const target = minimiseModel(model, w, lambda, Math.max(0.1 * tolerance, 1e-3 * residual));
    // Predicted change of F for the full step (negative unless w already solves the model).
    let predicted = 0;
    for (let j = 0; j < dim; j++) {
      direction[j] = target[j]! - w[j]!;
      predicted += model.gradient[j]! * direction[j]! + penaltyChange(w[j]!, direction[j]!, lambda);
    }
    if (!(predicted < 0)) break;
    rowSteps(design, direction, z);
    let accepted = false;
    for (let halvings = 0, t = 1; halvings <= MAX_HALVINGS; halvings++, t /= 2) {
      let change = dataTermChange(s, z, t);
      for (let j = 0; j < dim; j++) change += penaltyChange(w[j]!, t * direction[j]!, lambda);
      if (change <= SUFFICIENT_DECREASE * t * predicted) {
        // The full step lands exactly on the model's zeros; a partial one is interpolated.
        if (t === 1) w.set(target);
        else for (let j = 0; j < dim; j++) w[j] = w[j]! + t * direction[j]!;
        accepted = true;
        break;
      }
    }
    if (!accepted) break;
    sweeps++;
  }
  let objective = 0;
  for (let i = 0; i < rows; i++) objective += softplus(s[i]!);
  for (let j = 0; j < dim; j++) objective += lambda * Math.abs(w[j]!);
  return { weights: Array.from(w), objective, kktResidual: residual, sweeps, converged: residual <= tolerance };
}
