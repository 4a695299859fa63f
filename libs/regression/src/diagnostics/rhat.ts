/**
 * Rank-normalised split R-hat (Vehtari et al. 2021, ArviZ's default `method="rank"`): the larger of
 * the classic split R-hat of the rank-normalised draws (bulk) and of the rank-normalised distances
 * from the median (tails).
 */
import { rankNormalizeSorted, sortedCopy } from "./rank.js";
import { betweenChainSquares, chainMeans, splitChains, type ChainMatrix } from "./split.js";

/** Classic potential scale reduction of a chains × draws matrix (Gelman et al. BDA3). */
export function basicRhat(m: ChainMatrix): number {
  const { chains, draws, values } = m;
  if (chains < 2 || draws < 2) return NaN;
  const means = chainMeans(m);
  let within = 0;
  for (let c = 0; c < chains; c++) {
    const mean = means[c]!;
    let ss = 0;
    for (let i = 0; i < draws; i++) ss += (values[c * draws + i]! - mean) ** 2;
    within += ss / (draws - 1);
  }
  within /= chains;
  const between = (draws * betweenChainSquares(means)) / (chains - 1);
  return Math.sqrt((between / within + draws - 1) / draws);
}

/** Median of ascending `sorted`. */
function medianSorted(sorted: Float64Array): number {
  const n = sorted.length;
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : 0.5 * (sorted[n / 2 - 1]! + sorted[n / 2]!);
}

/**
 * |v − centre| for every value, and the same distances in ascending order. The distances of the
 * sorted values fall on both sides of the centre in two monotone runs, so merging them sorts the
 * distances in linear time (a second sort would cost as much as the rank normalisation).
 */
function foldAround(values: Float64Array, sorted: Float64Array, centre: number): { folded: Float64Array; foldedSorted: Float64Array } {
  const n = sorted.length;
  const folded = values.map((v) => Math.abs(v - centre));
  const foldedSorted = new Float64Array(n);
  let right = 0;
  while (right < n && sorted[right]! < centre) right++;
  let left = right - 1;
  for (let k = 0; k < n; k++) {
    const fromLeft = left >= 0 ? Math.abs(sorted[left]! - centre) : Infinity;
    const fromRight = right < n ? Math.abs(sorted[right]! - centre) : Infinity;
    if (right >= n || (left >= 0 && fromLeft <= fromRight)) {
      foldedSorted[k] = fromLeft;
      left--;
    } else {
      foldedSorted[k] = fromRight;
      right++;
    }
  }
  return { folded, foldedSorted };
}

/** R-hat of split chains `split` whose values are `sorted` in ascending order and `ranked` once rank-normalised. */
export function splitRhatRanked(split: ChainMatrix, sorted: Float64Array, ranked: Float64Array): number {
  if (split.draws < 2) return NaN;
  if (isConstant(split.values)) return 1;
  const bulk = basicRhat({ ...split, values: ranked });
  const { folded, foldedSorted } = foldAround(split.values, sorted, medianSorted(sorted));
  const tail = basicRhat({ ...split, values: rankNormalizeSorted(folded, foldedSorted) });
  return Math.max(bulk, tail);
}

/** Rank-normalised split R-hat of one quantity; NaN with fewer than 2 chains × 4 draws. */
export function splitRhat(m: ChainMatrix): number {
  const split = splitChains(m);
  const sorted = sortedCopy(split.values);
  return splitRhatRanked(split, sorted, rankNormalizeSorted(split.values, sorted));
}

export function isConstant(values: Float64Array): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return hi - lo < 1e-10 * Math.abs(hi);
}
