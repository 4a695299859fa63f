/**
 * Split R-hat and bulk ESS of one quantity together. Both start from the same split,
 * rank-normalised draws, which are the expensive part, so a fit's summary computes them once.
 */
import { bulkEssRanked } from "./ess.js";
import { rankNormalizeSorted, sortedCopy } from "./rank.js";
import { splitRhatRanked } from "./rhat.js";
import { splitChains, type ChainMatrix } from "./split.js";

/**
 * `splitRhat(m)` and `bulkEss(m)`. `sorted` (optional) is `m.values` in ascending order; with an
 * even number of draws the split chains hold exactly those values, so it saves a sort.
 */
export function rankDiagnostics(m: ChainMatrix, sorted?: Float64Array): { rhat: number; essBulk: number } {
  const split = splitChains(m);
  const splitSorted = sorted !== undefined && split.values.length === m.values.length ? sorted : sortedCopy(split.values);
  const ranked = rankNormalizeSorted(split.values, splitSorted);
  return { rhat: splitRhatRanked(split, splitSorted, ranked), essBulk: bulkEssRanked(split, ranked) };
}
