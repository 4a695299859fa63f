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
 * First index in `from` … `to` − 1 of `sorted` whose entry is not below `v` (`to` if none). The
 * halving step has no data-dependent branch (only the base moves), which the processor cannot
 * mispredict: the draws arrive in random order, so a classic binary search mispredicts about half
 * its comparisons.
 */
function lowerBoundIn(sorted: Float64Array, v: number, from: number, to: number): number {
  let base = from;
  let length = to - from;
  if (length === 0) return from;
  while (length > 1) {
    const half = length >>> 1;
    base = sorted[base + half - 1]! < v ? base + half : base;
    length -= half;
  }
  return sorted[base]! < v ? base + 1 : base;
}

/** Draws per bucket of the search index below (a few, so a search takes a few halvings). */
const DRAWS_PER_BUCKET = 4;

/**
 * Where each bucket of equal width over [sorted[0], sorted[last]] starts in `sorted`:
 * `starts[b]` is the first index whose bucket is ≥ b. Any monotone bucket function works (rounding
 * in it only moves draws between neighbouring buckets, consistently), so a value's lower bound always
 * lies in starts[b] … starts[b + 1] of its own bucket b, and searching only there gives exactly the
 * full binary search's answer in about a third of its steps. Undefined when the range is not finite
 * or empty (then the caller searches the whole array).
 */
interface BucketIndex {
  readonly low: number;
  readonly scale: number;
  readonly last: number;
  readonly starts: Int32Array;
}

function bucketIndex(sorted: Float64Array): BucketIndex | undefined {
  const size = sorted.length;
  if (size < 2 * DRAWS_PER_BUCKET) return undefined;
  const low = sorted[0]!;
  const width = sorted[size - 1]! - low;
  const buckets = Math.ceil(size / DRAWS_PER_BUCKET);
  const scale = buckets / width;
  if (!(width > 0) || !Number.isFinite(scale)) return undefined;
  const last = buckets - 1;
  const starts = new Int32Array(buckets + 1);
  let b = 0;
  for (let i = 0; i < size; i++) {
    const own = Math.min(last, Math.floor((sorted[i]! - low) * scale));
    while (b < own) starts[++b] = i;
  }
  while (b < buckets) starts[++b] = size;
  return { low, scale, last, starts };
}

/**
 * Rank-normalised copy of `values` (all chains' draws of one quantity, in any layout), given
 * `sorted`, the same values in ascending order.
 */
export function rankNormalizeSorted(values: Float64Array, sorted: Float64Array): Float64Array {
  const size = values.length;
  const scores = scoresOfRanks(size);
  const out = new Float64Array(size);
  const index = bucketIndex(sorted);
  const low = index?.low ?? 0;
  const scale = index?.scale ?? 0;
  const lastBucket = index?.last ?? 0;
  const starts = index?.starts;
  for (let k = 0; k < size; k++) {
    const v = values[k]!;
    let first: number;
    if (starts === undefined) {
      first = lowerBoundIn(sorted, v, 0, size);
    } else {
      const b = Math.min(lastBucket, Math.floor((v - low) * scale));
      first = lowerBoundIn(sorted, v, starts[b]!, starts[b + 1]!);
    }
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
