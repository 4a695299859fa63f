/**
 * Rank normalisation (Vehtari, Gelman, Simpson, Carpenter & Bürkner 2021): replace each draw by
 * Φ⁻¹((rank − 3/8) / (S + 1/4)) where ranks run over all chains together and ties get their
 * average rank (as scipy's rankdata and ArviZ do).
 *
 * Speed: a fit rank-normalises 2 × 29 vectors of 16,000 draws. Sorting an index array with a
 * comparator (a JavaScript call per comparison) cost ~8 % of a fit, so ranks are found instead by
 * binary search in a natively sorted copy (`Float64Array.prototype.sort`, no callback); the first
 * equal entry and the run of ties after it give exactly the same average rank. Without ties the
 * normal score depends on the rank alone, so the scores of one sample size are computed once.
 */
import { normalQuantile } from "./normal-quantile.js";

/** Normal scores of the integer ranks 1 … size (index rank − 1), for the last size asked for. */
let scoreTable: Float64Array = new Float64Array(0);

function scoresOfRanks(size: number): Float64Array {
  if (scoreTable.length !== size) {
    scoreTable = new Float64Array(size);
    for (let k = 0; k < size; k++) scoreTable[k] = normalQuantile((k + 1 - 0.375) / (size + 0.25));
  }
  return scoreTable;
}

/** Ascending copy of `values` (native numeric sort). */
export function sortedCopy(values: Float64Array): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * First index of `sorted` whose entry is not below `v`. The halving step has no data-dependent
 * branch (only the base moves), which the processor cannot mispredict: the draws arrive in random
 * order, so a classic binary search mispredicts about half its comparisons.
 */
function lowerBound(sorted: Float64Array, v: number): number {
  let base = 0;
  let length = sorted.length;
  if (length === 0) return 0;
  while (length > 1) {
    const half = length >>> 1;
    base = sorted[base + half - 1]! < v ? base + half : base;
    length -= half;
  }
  return sorted[base]! < v ? base + 1 : base;
}

/**
 * Rank-normalised copy of `values` (all chains' draws of one quantity, in any layout), given
 * `sorted`, the same values in ascending order.
 */
export function rankNormalizeSorted(values: Float64Array, sorted: Float64Array): Float64Array {
  const size = values.length;
  const scores = scoresOfRanks(size);
  const out = new Float64Array(size);
  for (let k = 0; k < size; k++) {
    const v = values[k]!;
    const first = lowerBound(sorted, v);
    let last = first;
    while (last + 1 < size && sorted[last + 1] === v) last++;
    out[k] = first === last ? scores[first]! : normalQuantile(((first + last) / 2 + 1 - 0.375) / (size + 0.25));
  }
  return out;
}

/** Rank-normalised copy of `values` (all chains' draws of one quantity, in any layout). */
export function rankNormalize(values: Float64Array): Float64Array {
  return rankNormalizeSorted(values, sortedCopy(values));
}
