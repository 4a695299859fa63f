/**
 * The regression problem as users hand it to us (rows of features and 0/1 labels) and the one
 * place where such input is checked. Everything past `validateProblem` may assume a well-formed
 * problem.
 */
import { PrefDissectError, describePlace, type ErrorPlace } from "@prefdissect/shared";

/** A logistic-regression problem: `X` is n rows of d features, `y` the n labels (1 = response A preferred). */
export interface Problem {
  readonly X: readonly (readonly number[])[];
  readonly y: readonly number[];
}

/** A problem that passed `validateProblem`: rectangular, finite, labels 0/1, n ≥ 1, d ≥ 1. */
export interface ValidProblem extends Problem {
  readonly y: readonly (0 | 1)[];
  readonly rows: number;
  readonly dim: number;
}

function fail(place: ErrorPlace, what: string): never {
  const where = describePlace(place);
  throw new PrefDissectError("bad-problem", where ? `${where}: ${what}` : what, place);
}

function show(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  if (typeof value === "string") return JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value);
  if (value === undefined) return "nothing";
  return Array.isArray(value) ? "an array" : "an object";
}

/**
 * Checks untrusted input (e.g. parsed JSON) and returns it as a `ValidProblem`. Keys other than
 * `X` and `y` are ignored. A column that never varies is allowed (its posterior is the prior).
 *
 * @param raw the parsed input, expected to be `{X: number[][], y: (0|1)[]}`
 * @param file the file it came from, named in error messages
 * @throws PrefDissectError naming the row and field for a ragged X, a non-finite value, a label
 *   other than 0/1, an empty problem or an X/y length mismatch.
 */
export function validateProblem(raw: unknown, file?: string): ValidProblem {
  const at = (place: Omit<ErrorPlace, "file">): ErrorPlace => (file === undefined ? place : { file, ...place });
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    fail(at({}), `expected an object with keys "X" and "y", got ${show(raw)}.`);
  }
  const { X, y } = raw as { X?: unknown; y?: unknown };
  if (!Array.isArray(X)) fail(at({ field: "X" }), `expected an array of feature rows, got ${show(X)}.`);
  if (!Array.isArray(y)) fail(at({ field: "y" }), `expected an array of 0/1 labels, got ${show(y)}.`);
  if (X.length === 0) fail(at({ field: "X" }), "the problem has no rows (n = 0); at least one is needed.");
  if (X.length !== y.length) {
    fail(at({ field: "y" }), `has ${y.length} labels but X has ${X.length} rows; they must match.`);
  }
  const first: unknown = X[0];
  if (!Array.isArray(first)) fail(at({ row: 0, field: "X" }), `expected an array of numbers, got ${show(first)}.`);
  const dim = first.length;
  if (dim === 0) fail(at({ row: 0, field: "X" }), "the row has no features; at least one is needed.");
  for (let i = 0; i < X.length; i++) {
    const row: unknown = X[i];
    if (!Array.isArray(row)) fail(at({ row: i, field: "X" }), `expected an array of numbers, got ${show(row)}.`);
    if (row.length !== dim) {
      fail(at({ row: i, field: "X" }), `has ${row.length} features but row 0 has ${dim}; X must be rectangular.`);
    }
    for (let j = 0; j < dim; j++) {
      const value: unknown = row[j];
      if (typeof value !== "number" || !Number.isFinite(value)) {
        fail(at({ row: i, field: `X[${i}][${j}]` }), `expected a finite number, got ${show(value)}.`);
      }
    }
    const label: unknown = y[i];
    if (label !== 0 && label !== 1) fail(at({ row: i, field: "y" }), `expected label 0 or 1, got ${show(label)}.`);
  }
  const valid: ValidProblem = { X: X as number[][], y: y as (0 | 1)[], rows: X.length, dim };
  validated.add(valid);
  return valid;
}

/**
 * The problems `validateProblem` returned. Raw input may carry `rows` and `dim` keys of its own
 * (other keys are ignored), so only identity proves that a problem was checked.
 */
const validated = new WeakSet<object>();

/** Accepts either a problem `validateProblem` returned or raw input (validated here). */
export function asValidProblem(problem: Problem | ValidProblem): ValidProblem {
  return validated.has(problem) ? (problem as ValidProblem) : validateProblem(problem);
}
