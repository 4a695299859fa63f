/**
 * Bulk effective sample size (Vehtari et al. 2021; ArviZ `ess(method="bulk")`): split the chains,
 * rank-normalise, and estimate the integrated autocorrelation time with Geyer's initial monotone
 * sequence, pooling autocovariances over chains as Stan does.
 *
 * Autocovariances are computed lag by lag only as far as the truncation rule reaches (a handful of
 * lags for a well-mixing chain) instead of by FFT over all lags; the estimate is the same.
 */
import { rankNormalize } from "./rank.js";
import { isConstant } from "./rhat.js";
import { betweenChainSquares, chainMeans, splitChains, type ChainMatrix } from "./split.js";

/** Effective sample size of a chains × draws matrix (no splitting or normalisation here). */
export function essOfMatrix(m: ChainMatrix): number {
  const { chains, draws, values } = m;
  const total = chains * draws;
  if (draws < 4) return NaN;
  if (isConstant(values)) return total;
  const means = chainMeans(m);
  // Mean over chains of the lag-t autocovariance (biased, 1/n), as ArviZ's FFT version.
  const meanAutocov = (lag: number): number => {
    let sum = 0;
    for (let c = 0; c < chains; c++) {
      const base = c * draws;
      const mean = means[c]!;
      let s = 0;
      for (let i = 0; i + lag < draws; i++) s += (values[base + i]! - mean) * (values[base + i + lag]! - mean);
      sum += s / draws;
    }
    return sum / chains;
  };
  const acov0 = meanAutocov(0);
  const meanVar = (acov0 * draws) / (draws - 1);
  let varPlus = (meanVar * (draws - 1)) / draws;
  if (chains > 1) varPlus += betweenChainSquares(means) / (chains - 1);
  const rho = new Float64Array(draws);
  const rhoAt = (lag: number): number => 1 - (meanVar - meanAutocov(lag)) / varPlus;
  let rhoEven = 1;
  let rhoOdd = rhoAt(1);
  rho[0] = rhoEven;
  rho[1] = rhoOdd;
  // Geyer's initial positive sequence: sum pairs while their sum stays positive.
  let t = 1;
  while (t < draws - 3 && rhoEven + rhoOdd > 0) {
    rhoEven = rhoAt(t + 1);
    rhoOdd = rhoAt(t + 2);
    if (rhoEven + rhoOdd >= 0) {
      rho[t + 1] = rhoEven;
      rho[t + 2] = rhoOdd;
    }
    t += 2;
  }
  const maxT = t - 2;
  if (rhoEven > 0) rho[maxT + 1] = rhoEven;
  // Geyer's initial monotone sequence.
  for (let u = 1; u <= maxT - 2; u += 2) {
    if (rho[u + 1]! + rho[u + 2]! > rho[u - 1]! + rho[u]!) {
      rho[u + 1] = (rho[u - 1]! + rho[u]!) / 2;
      rho[u + 2] = rho[u + 1]!;
    }
  }
  let sum = 0;
  for (let u = 0; u <= maxT; u++) sum += rho[u]!;
  const tau = Math.max(-1 + 2 * sum + (rho[maxT + 1] ?? 0), 1 / Math.log10(total));
  return total / tau;
}

/** Bulk ESS of split chains `split` whose values are `ranked` once rank-normalised. */
export function bulkEssRanked(split: ChainMatrix, ranked: Float64Array): number {
  if (isConstant(split.values)) return split.values.length;
  return essOfMatrix({ ...split, values: ranked });
}

/** Bulk ESS of one quantity: split chains, rank-normalise, then `essOfMatrix`. */
export function bulkEss(m: ChainMatrix): number {
  const split = splitChains(m);
  return bulkEssRanked(split, rankNormalize(split.values));
}
