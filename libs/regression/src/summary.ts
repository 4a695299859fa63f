/**
 * Turning chains into the result of a fit: per-weight posterior summaries, diagnostics and
 * warnings. Runs on the calling thread whatever ran the chains, so pooled and single-thread fits
 * produce the same numbers.
 */
import type { ChainResult } from "./chain.js";
import { RHAT_WARNING } from "./defaults.js";
import { quantileSorted } from "./diagnostics/quantile.js";
import { rankDiagnostics } from "./diagnostics/rank-diagnostics.js";
import { sortedCopy } from "./diagnostics/rank.js";
import type { SamplerSettings } from "./settings.js";

/** How the sampler behaved, for the whole fit and per chain. */
export interface FitDiagnostics {
  /** Rank-normalised split R-hat per weight (Vehtari et al. 2021). */
  readonly rhat: number[];
  /** Bulk effective sample size per weight. */
  readonly essBulk: number[];
  /** Largest R-hat and smallest bulk ESS over the weights. */
  readonly maxRhat: number;
  readonly minEssBulk: number;
  /** Divergent transitions among the kept draws, all chains. */
  readonly divergences: number;
  /** Divergent transitions during warm-up, all chains (informational). */
  readonly warmupDivergences: number;
  /** Mean acceptance statistic over kept draws, all chains. */
  readonly meanAcceptProb: number;
  /** treeDepthCounts[k] = kept transitions (all chains) with k doublings. */
  readonly treeDepthCounts: number[];
  /** Kept transitions that hit the maximum tree depth. */
  readonly maxTreeDepthHits: number;
  readonly chains: readonly ChainDiagnostics[];
  /** Gradient evaluations of the whole fit (warm-up included). */
  readonly gradientEvaluations: number;
}

export interface ChainDiagnostics {
  readonly stepSize: number;
  readonly inverseMass: number[];
  readonly meanAcceptProb: number;
  readonly divergences: number;
  readonly treeDepthCounts: number[];
  readonly initialPosition: number[];
  readonly gradientEvaluations: number;
}

/** Posterior of the weights from one NUTS fit. */
export interface PosteriorFit {
  /** Posterior mean per weight (what the paper reports). */
  readonly mean: number[];
  /** Posterior standard deviation per weight (n − 1 denominator). */
  readonly sd: number[];
  /** 5 %, 50 % and 95 % posterior quantiles per weight (linear interpolation, numpy's default). */
  readonly q05: number[];
  readonly q50: number[];
  readonly q95: number[];
  readonly diagnostics: FitDiagnostics;
  /** Human-readable problems (R-hat > 1.01, divergences, max tree depth hits); empty if none. */
  readonly warnings: string[];
  /** Thinned draws (draw × weight), present when `keepDraws` was asked for. */
  readonly draws?: number[][];
  readonly settings: FitSettingsEcho;
}

/** The settings a fit ran with, echoed into the result. */
export interface FitSettingsEcho extends SamplerSettings {
  readonly chains: number;
  readonly scale: number;
  readonly seed: number;
}

/** Evenly spaced indices i·(count/keep) for i < keep (all of them when keep ≥ count). */
export function thinIndices(count: number, keep: number): number[] {
  if (keep >= count) return Array.from({ length: count }, (_, i) => i);
  return Array.from({ length: keep }, (_, i) => Math.floor((i * count) / keep));
}

export function summarizeChains(results: readonly ChainResult[], echo: FitSettingsEcho, keepDraws?: number): PosteriorFit {
  const dim = results[0]!.dim;
  const samples = results[0]!.samples;
  const chains = results.length;
  const total = chains * samples;
  const mean: number[] = [];
  const sd: number[] = [];
  const q05: number[] = [];
  const q50: number[] = [];
  const q95: number[] = [];
  const rhat: number[] = [];
  const essBulk: number[] = [];
  const column = new Float64Array(total);
  for (let j = 0; j < dim; j++) {
    for (let c = 0; c < chains; c++) {
      const draws = results[c]!.draws;
      for (let s = 0; s < samples; s++) column[c * samples + s] = draws[s * dim + j]!;
    }
    let sum = 0;
    for (const v of column) sum += v;
    const m = sum / total;
    let ss = 0;
    for (const v of column) ss += (v - m) ** 2;
    mean.push(m);
    sd.push(total > 1 ? Math.sqrt(ss / (total - 1)) : 0);
    // One sort per weight serves the quantiles and (with an even number of draws) the ranks.
    const sorted = sortedCopy(column);
    q05.push(quantileSorted(sorted, 0.05));
    q50.push(quantileSorted(sorted, 0.5));
    q95.push(quantileSorted(sorted, 0.95));
    const ranks = rankDiagnostics({ chains, draws: samples, values: column }, sorted);
    rhat.push(ranks.rhat);
    essBulk.push(ranks.essBulk);
  }

  const depthLength = results[0]!.treeDepthCounts.length;
  const treeDepthCounts = new Array<number>(depthLength).fill(0);
  let divergences = 0;
  let warmupDivergences = 0;
  let acceptSum = 0;
  let gradientEvaluations = 0;
  for (const r of results) {
    r.treeDepthCounts.forEach((count, k) => (treeDepthCounts[k] = treeDepthCounts[k]! + count));
    divergences += r.divergences;
    warmupDivergences += r.warmupDivergences;
    acceptSum += r.meanAcceptProb;
    gradientEvaluations += r.gradientEvaluations;
  }
  const finite = (xs: number[]) => xs.filter((x) => Number.isFinite(x));
  const maxRhat = Math.max(...finite(rhat), 1);
  const minEssBulk = Math.min(...finite(essBulk), total);
  const maxTreeDepthHits = treeDepthCounts[depthLength - 1]!;

  const warnings: string[] = [];
  const highRhat = rhat.flatMap((r, j) => (r > RHAT_WARNING ? [`w${j} (${r.toFixed(3)})`] : []));
  if (highRhat.length > 0) warnings.push(`R-hat above ${RHAT_WARNING} for ${highRhat.join(", ")}: the chains may not have converged.`);
  if (chains < 2) warnings.push("Only one chain: R-hat cannot detect non-convergence.");
  if (divergences > 0) warnings.push(`${divergences} divergent transition(s) after warm-up: the posterior estimates may be biased.`);
  if (maxTreeDepthHits > 0) warnings.push(`${maxTreeDepthHits} transition(s) hit the maximum tree depth ${depthLength - 1}.`);

  const fit: PosteriorFit = {
    mean,
    sd,
    q05,
    q50,
    q95,
    diagnostics: {
      rhat,
      essBulk,
      maxRhat,
      minEssBulk,
      divergences,
      warmupDivergences,
      meanAcceptProb: acceptSum / chains,
      treeDepthCounts,
      maxTreeDepthHits,
      chains: results.map((r) => ({
        stepSize: r.stepSize,
        inverseMass: Array.from(r.inverseMass),
        meanAcceptProb: r.meanAcceptProb,
        divergences: r.divergences,
        treeDepthCounts: Array.from(r.treeDepthCounts),
        initialPosition: Array.from(r.initialPosition),
        gradientEvaluations: r.gradientEvaluations,
      })),
      gradientEvaluations,
    },
    warnings,
    settings: echo,
  };
  if (keepDraws === undefined || keepDraws <= 0) return fit;
  // Chain c contributes ⌊(c+1)K/C⌋ − ⌊cK/C⌋ evenly spaced draws, so the K draws are spread fairly.
  const draws: number[][] = [];
  results.forEach((r, c) => {
    const quota = Math.floor(((c + 1) * keepDraws) / chains) - Math.floor((c * keepDraws) / chains);
    for (const s of thinIndices(samples, quota)) draws.push(Array.from(r.draws.subarray(s * dim, (s + 1) * dim)));
  });
  return { ...fit, draws };
}
