/**
 * The iterative U-turn check inside a subtree being built one leaf at a time (numpyro's
 * progressive scheme, equivalent to the recursive NUTS checks of every balanced sub-subtree).
 *
 * Leaves are numbered 0, 1, 2, … in the order they are made. At an even leaf we store its momentum
 * and the running momentum sum in checkpoint slot popcount(n >> 1). At leaf n, each balanced
 * sub-subtree that ends at n starts at a leaf whose checkpoint is in the slots
 * idxMax − (trailing ones of n) + 1 … idxMax; each of those spans is checked with the generalized
 * criterion (`isTurning` in metric.ts). Example: leaf 7 closes the subtrees 6–7, 4–7 and 0–7.
 */
/** Checkpoint slot written at an even leaf and the highest slot checked at leaf `n`. */
export function checkpointMax(n: number): number {
  let count = 0;
  for (let m = n >> 1; m > 0; m >>= 1) count += m & 1;
  return count;
}

/** Lowest checkpoint slot checked at leaf `n` (above `checkpointMax` when n is even: no check). */
export function checkpointMin(n: number): number {
  let ones = 0;
  for (let m = n; (m & 1) !== 0; m >>= 1) ones++;
  return checkpointMax(n) - ones + 1;
}

/**
 * True if any balanced sub-subtree ending at the newest leaf (momentum `r`, running sum `rSum`)
 * makes a U-turn.
 *
 * This is `isTurning(inverseMass, rStart, r, span)` for each checkpoint, with the span's momentum
 * sum `rSum − sumAtStart + rStart` formed inside the same loop instead of in a scratch buffer
 * (one pass over the dimensions per check instead of two; same operations in the same order).
 */
export function isIterativeTurning(
  inverseMass: Float64Array,
  r: Float64Array,
  rSum: Float64Array,
  rCheckpoints: readonly Float64Array[],
  rSumCheckpoints: readonly Float64Array[],
  idxMin: number,
  idxMax: number,
): boolean {
  const dim = r.length;
  for (let i = idxMax; i >= idxMin; i--) {
    const rStart = rCheckpoints[i]!;
    const sumAtStart = rSumCheckpoints[i]!;
    let start = 0;
    let end = 0;
    for (let j = 0; j < dim; j++) {
      // Momentum sum over leaves checkpoint … newest, both included, minus half of each end.
      const spanSum = rSum[j]! - sumAtStart[j]! + rStart[j]!;
      const centred = spanSum - 0.5 * (rStart[j]! + r[j]!);
      start += inverseMass[j]! * rStart[j]! * centred;
      end += inverseMass[j]! * r[j]! * centred;
    }
    if (start <= 0 || end <= 0) return true;
  }
  return false;
}
