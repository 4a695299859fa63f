/**
 * The data in the layout the gradient loop wants.
 *
 * The paper's features are ternary (−1, 0, +1) and sparse (about 11 of 29 entries are non-zero),
 * so each row is stored as two index lists, the +1 entries and the −1 entries: the linear predictor
 * is then a sum and a difference of weights, with no multiplies and no zeros visited. Entries
 * that are not ±1 (general data) go to a third list with explicit coefficients, so any finite X
 * works, just more slowly.
 *
 * The label is folded into the signs: with s_i = (1 − 2 y_i) · x_i·w the negative log-likelihood
 * of row i is softplus(s_i) whatever y_i is, so the hot loop never looks at y.
 *
 * Measured alternatives (CPU time per gradient on problem A, docs/regression.md): rows sorted by
 * their ±1 counts (to help branch prediction), and a column-major copy that turns the gradient's
 * scatter into a gather, were both within noise of this plain layout, so we keep the simplest.
 */
import type { ValidProblem } from "./problem.js";

/** Signed sparse rows of a problem; plain typed arrays, so it can be posted to a worker as is. */
export interface SparseDesign {
  readonly rows: number;
  readonly dim: number;
  /**
   * Row i owns entries rowStart[i] … rowStart[i+1]−1 of `index`: first those with sign +1 (up to
   * plusEnd[i]), then those with sign −1 (up to minusEnd[i]), then general entries. `coef` holds
   * every entry's signed coefficient at the same position (±1 for the first two runs).
   */
  readonly rowStart: Int32Array;
  readonly plusEnd: Int32Array;
  readonly minusEnd: Int32Array;
  readonly index: Int32Array;
  readonly coef: Float64Array;
}

/**
 * Builds the signed sparse layout of `problem`, optionally of a subset of its rows (in the order
 * given, e.g. the training rows of one fold).
 */
export function toSparseDesign(problem: ValidProblem, rowIds?: ArrayLike<number>): SparseDesign {
  const ids = rowIds ?? Array.from({ length: problem.rows }, (_, i) => i);
  const rows = ids.length;
  const dim = problem.dim;
  let nonZeros = 0;
  for (let r = 0; r < rows; r++) {
    const row = problem.X[ids[r]!]!;
    for (let j = 0; j < dim; j++) if (row[j] !== 0) nonZeros++;
  }
  const rowStart = new Int32Array(rows + 1);
  const plusEnd = new Int32Array(rows);
  const minusEnd = new Int32Array(rows);
  const index = new Int32Array(nonZeros);
  const coef = new Float64Array(nonZeros);
  let k = 0;
  for (let r = 0; r < rows; r++) {
    const id = ids[r]!;
    const row = problem.X[id]!;
    const sign = problem.y[id] === 1 ? -1 : 1;
    rowStart[r] = k;
    for (const wanted of [1, -1]) {
      for (let j = 0; j < dim; j++) {
        if (sign * row[j]! === wanted) {
          index[k] = j;
          coef[k] = wanted;
          k++;
        }
      }
      if (wanted === 1) plusEnd[r] = k;
    }
    minusEnd[r] = k;
    for (let j = 0; j < dim; j++) {
      const value = sign * row[j]!;
      if (value !== 0 && value !== 1 && value !== -1) {
        index[k] = j;
        coef[k] = value;
        k++;
      }
    }
  }
  rowStart[rows] = k;
  return { rows, dim, rowStart, plusEnd, minusEnd, index, coef };
}

/** Number of stored non-zero entries (the arithmetic floor of one gradient is about twice this). */
export function nonZeroCount(design: SparseDesign): number {
  return design.index.length;
}
