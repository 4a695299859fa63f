/**
 * Rank-normalised split R-hat (Vehtari et al. 2021, ArviZ's default `method="rank"`): the larger of
 * the classic split R-hat of the rank-normalised draws (bulk) and of the rank-normalised distances
 * from the median (tails).
 */
import { rankNormalize } from "./rank.js";
import { splitChains, type ChainMatrix } from "./split.js";

/** Classic potential scale reduction of a chains × draws matrix (Gelman et al. BDA3). */
export function basicRhat(m: ChainMatrix): number {
  const { chains, draws, values } = m;
  if (chains < 2 || draws < 2) return NaN;
  const means = new Float64Array(chains);
  let within = 0;
  for (let c = 0; c < chains; c++) {
    let mean = 0;
    for (let i = 0; i < draws; i++) mean += values[c * draws + i]!;
    mean /= draws;
    means[c] = mean;
    let ss = 0;
    for (let i = 0; i < draws; i++) ss += (values[c * draws + i]! - mean) ** 2;
    within += ss / (draws - 1);
  }
  within /= chains;
  let grand = 0;
  for (const mean of means) grand += mean;
  grand /= chains;
  let between = 0;
  for (const mean of means) between += (mean - grand) ** 2;
  between = (draws * between) / (chains - 1);
  return Math.sqrt((between / within + draws - 1) / draws);
}

function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : 0.5 * (sorted[n / 2 - 1]! + sorted[n / 2]!);
}

/** Rank-normalised split R-hat of one quantity; NaN with fewer than 2 chains × 4 draws. */
export function splitRhat(m: ChainMatrix): number {
  const split = splitChains(m);
  if (split.draws < 2) return NaN;
  if (isConstant(split.values)) return 1;
  const bulk = basicRhat({ ...split, values: rankNormalize(split.values) });
  const centre = median(split.values);
  const folded = split.values.map((v) => Math.abs(v - centre));
  const tail = basicRhat({ ...split, values: rankNormalize(folded) });
  return Math.max(bulk, tail);
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
