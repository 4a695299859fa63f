/**
 * Held-out accuracy of a judge's fitted model, the quantity of the paper's Appendix J.
 *
 * Definition used here (the paper does not spell it out): k-fold cross-validation with the same
 * folds as the fit. For each fold, the posterior-mean weights fitted without that fold predict its
 * rows: response A when x·w > 0, B when x·w < 0; a row with x·w = 0 (e.g. two responses equal on
 * every property) counts as half right. Accuracy = correct / rows, pooled over all folds.
 *
 * A fit without held-out rows (one fold: the final model on every row) has no accuracy: it is
 * `null`, never a number, so no table can show it as one.
 */
export interface HeldOutFold {
  /** Posterior-mean weights fitted without this fold. */
  readonly weights: readonly number[];
  /** Indices (into X / y) of the rows held out. */
  readonly heldOut: readonly number[];
}

export function heldOutAccuracy(
  X: readonly (readonly number[])[],
  y: readonly number[],
  folds: readonly HeldOutFold[],
): { accuracy: number | null; rows: number } {
  let correct = 0;
  let rows = 0;
  for (const fold of folds) {
    for (const i of fold.heldOut) {
      const x = X[i]!;
      let score = 0;
      for (let k = 0; k < x.length; k++) score += x[k]! * fold.weights[k]!;
      correct += score === 0 ? 0.5 : score > 0 === (y[i] === 1) ? 1 : 0;
      rows++;
    }
  }
  return { accuracy: rows === 0 ? null : correct / rows, rows };
}
