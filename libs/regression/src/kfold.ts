/**
 * The paper's cross-validated averaging: shuffle the rows once, drop the i-th contiguous block of
 * the shuffled rows, fit on the rest, and average the posterior means over the folds.
 *
 * Fold boundaries copy the paper's code exactly: with n rows and k folds, fold i drops shuffled
 * positions [⌊(i/k)·n⌋, ⌊(i/k)·n⌋ + ⌊n/k⌋), computed in double precision like Python's
 * `int(i / k * n)`. When k does not divide n, the last n − k·⌊n/k⌋ shuffled rows are never held out.
 *
 * One fold (k = 1) is the final model a user wants for a new judge: a single fit on every row,
 * in the original order and on the chain streams of a plain fit, so it equals `fitPosterior`
 * exactly. It holds nothing out, so there is no held-out accuracy to report.
 */
import { createRandomStream, PrefDissectError, randomPermutation } from "@prefdissect/shared";
import { runChains } from "./chain.js";
import { FOLDS } from "./defaults.js";
import { planFit, type FitOptions, type FitPlan } from "./fit.js";
import { asValidProblem, type Problem, type ValidProblem } from "./problem.js";
import { PERMUTATION_STREAM } from "./streams.js";
import { summarizeChains, type PosteriorFit } from "./summary.js";

export interface KFoldOptions extends FitOptions {
  /** Number of folds (default 10). */
  readonly folds?: number;
  /** Explicit row permutation (e.g. numpy's shuffle from the paper); default: drawn from `seed`. */
  readonly permutation?: readonly number[];
  /** Called after each finished fold. */
  readonly onFold?: (done: number, total: number) => void;
}

/** One fold: which original rows it held out and trained on. */
export interface FoldPlan {
  readonly index: number;
  /** Original row indices held out, in shuffled order. */
  readonly heldOut: number[];
  /** Original row indices fitted, in shuffled order. */
  readonly train: number[];
}

export interface FoldFit {
  readonly index: number;
  readonly heldOut: number[];
  readonly fit: PosteriorFit;
}

/** Result of a k-fold run: fold averages (the paper's weights are `mean`) and every fold. */
export interface KFoldFit {
  /** Average over folds of the posterior means (the paper's estimate). */
  readonly mean: number[];
  /** Averages over folds of the per-fold sd and quantiles (for reference). */
  readonly sd: number[];
  readonly q05: number[];
  readonly q50: number[];
  readonly q95: number[];
  readonly folds: FoldFit[];
  readonly permutation: number[];
  readonly diagnostics: KFoldDiagnostics;
  /** Every fold's warnings, prefixed with the fold. */
  readonly warnings: string[];
}

export interface KFoldDiagnostics {
  readonly maxRhat: number;
  readonly minEssBulk: number;
  readonly divergences: number;
  readonly meanAcceptProb: number;
  readonly gradientEvaluations: number;
}

/** Checks a user-supplied permutation of 0…n−1. */
export function validatePermutation(raw: unknown, rows: number, file?: string): number[] {
  const place = file === undefined ? { field: "permutation" } : { file, field: "permutation" };
  const where = file === undefined ? "permutation" : `${file}, field "permutation"`;
  if (!Array.isArray(raw)) throw new PrefDissectError("bad-permutation", `${where}: expected an array of row indices.`, place);
  if (raw.length !== rows) {
    throw new PrefDissectError("bad-permutation", `${where}: has ${raw.length} entries but the problem has ${rows} rows.`, place);
  }
  const seen = new Uint8Array(rows);
  raw.forEach((v: unknown, i) => {
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v >= rows || seen[v] === 1) {
      throw new PrefDissectError("bad-permutation", `${where}: entry ${i} is ${JSON.stringify(v)}; expected each of 0…${rows - 1} exactly once.`, {
        ...place,
        row: i,
      });
    }
    seen[v] = 1;
  });
  return raw as number[];
}

/** The folds of the paper's procedure for n rows (k = 1: one fold that trains on every row). */
export function planKFold(rows: number, folds: number, permutation: readonly number[]): FoldPlan[] {
  if (!Number.isInteger(folds) || folds < 1 || folds > rows) {
    throw new PrefDissectError("bad-folds", `folds must be a whole number from 1 to the number of rows (${rows}), got ${folds}.`, { field: "folds" });
  }
  if (folds === 1) return [{ index: 0, heldOut: [], train: Array.from({ length: rows }, (_, i) => i) }];
  const size = Math.trunc(rows / folds);
  return Array.from({ length: folds }, (_, i) => {
    const start = Math.trunc((i / folds) * rows);
    const heldOut = permutation.slice(start, start + size);
    const train = [...permutation.slice(0, start), ...permutation.slice(start + size)];
    return { index: i, heldOut, train };
  });
}

/** Permutation from options: the explicit one, else a seeded shuffle. */
export function resolvePermutation(rows: number, options: KFoldOptions): number[] {
  if (options.permutation !== undefined) return validatePermutation(options.permutation, rows);
  return randomPermutation(rows, createRandomStream(options.seed ?? 0, PERMUTATION_STREAM));
}

/** Chain tasks of every fold. */
export function planKFoldFits(problem: ValidProblem, options: KFoldOptions): { permutation: number[]; folds: FoldPlan[]; plans: FitPlan[] } {
  const permutation = resolvePermutation(problem.rows, options);
  const folds = planKFold(problem.rows, options.folds ?? FOLDS, permutation);
  // A single fold runs on a plain fit's chain streams, so it reproduces `fitPosterior` exactly.
  const plans = folds.map((fold) => planFit(problem, options, fold.train, folds.length === 1 ? undefined : fold.index));
  return { permutation, folds, plans };
}

function average(rows: readonly number[][]): number[] {
  const out = new Array<number>(rows[0]!.length).fill(0);
  for (const row of rows) row.forEach((v, j) => (out[j] = out[j]! + v / rows.length));
  return out;
}

/** Combines per-fold fits into a `KFoldFit`. */
export function combineFolds(folds: readonly FoldPlan[], fits: readonly PosteriorFit[], permutation: number[]): KFoldFit {
  return {
    mean: average(fits.map((f) => f.mean)),
    sd: average(fits.map((f) => f.sd)),
    q05: average(fits.map((f) => f.q05)),
    q50: average(fits.map((f) => f.q50)),
    q95: average(fits.map((f) => f.q95)),
    folds: folds.map((fold, i) => ({ index: fold.index, heldOut: fold.heldOut, fit: fits[i]! })),
    permutation,
    diagnostics: {
      maxRhat: Math.max(...fits.map((f) => f.diagnostics.maxRhat)),
      minEssBulk: Math.min(...fits.map((f) => f.diagnostics.minEssBulk)),
      divergences: fits.reduce((s, f) => s + f.diagnostics.divergences, 0),
      meanAcceptProb: fits.reduce((s, f) => s + f.diagnostics.meanAcceptProb, 0) / fits.length,
      gradientEvaluations: fits.reduce((s, f) => s + f.diagnostics.gradientEvaluations, 0),
    },
    warnings: fits.flatMap((f, i) => f.warnings.map((w) => `fold ${i}: ${w}`)),
  };
}

/** The paper's k-fold averaged posterior means, folds fitted one after another on this thread. */
export function fitKFold(problem: Problem, options: KFoldOptions = {}): KFoldFit {
  const valid = asValidProblem(problem);
  const { permutation, folds, plans } = planKFoldFits(valid, options);
  const fits = plans.map((plan, i) => {
    const fit = summarizeChains(runChains(plan.tasks), plan.echo, plan.keepDraws);
    options.onFold?.(i + 1, plans.length);
    return fit;
  });
  return combineFolds(folds, fits, permutation);
}
