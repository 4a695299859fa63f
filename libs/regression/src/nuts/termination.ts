/**
 * The iterative U-turn check inside a subtree being built one leaf at a time (numpyro's
 * progressive scheme, equivalent to the recursive NUTS checks of every balanced sub-subtree).
 *
 * Leaves are numbered 0, 1, 2, … in the order they are made. At an even leaf we store its momentum
 * and the running momentum sum in checkpoint slot popcount(n >> 1). At leaf n, each balanced
 * sub-subtree that ends at n starts at a leaf whose checkpoint is in the slots
 * idxMax − (trailing ones of n) + 1 … idxMax; each of those spans is checked with the generalized
 * criterion. Example: leaf 7 closes the subtrees 6–7, 4–7 and 0–7.
 */
import { isTurning } from "./metric.js";

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
 * makes a U-turn. `scratch` is a buffer of the model's dimension.
 */
export function isIterativeTurning(
  inverseMass: Float64Array,
  r: Float64Array,
  rSum: Float64Array,
  rCheckpoints: readonly Float64Array[],
  rSumCheckpoints: readonly Float64Array[],
  idxMin: number,
  idxMax: number,
  scratch: Float64Array,
): boolean {
  for (let i = idxMax; i >= idxMin; i--) {
    const rStart = rCheckpoints[i]!;
    const sumAtStart = rSumCheckpoints[i]!;
    // Momentum sum over leaves checkpoint … newest, both included.
    for (let j = 0; j < scratch.length; j++) scratch[j] = rSum[j]! - sumAtStart[j]! + rStart[j]!;
    if (isTurning(inverseMass, rStart, r, scratch)) return true;
  }
  return false;
}
