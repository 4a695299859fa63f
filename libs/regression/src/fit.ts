/**
 * Fitting the posterior with NUTS on the calling thread. `planFit` turns a problem and options
 * into independent chain tasks; `fitPosterior` runs them one after another, the worker pool
 * (node.ts) runs the same tasks in parallel, and both summarise them with the same code.
 */
import { runChains, type ChainTask } from "./chain.js";
import { CHAINS, PRIOR_SCALE } from "./defaults.js";
import { toSparseDesign } from "./design.js";
import { asValidProblem, type Problem, type ValidProblem } from "./problem.js";
import { check, checkScale, resolveSamplerSettings, type SamplerSettings } from "./settings.js";
import { chainStream, MAX_CHAINS } from "./streams.js";
import { summarizeChains, type FitSettingsEcho, type PosteriorFit } from "./summary.js";

/** Options of a fit; everything defaults to the paper's settings. */
export interface FitOptions extends Partial<SamplerSettings> {
  /** Number of chains (default 4). */
  readonly chains?: number;
  /** Laplace prior scale b (default 0.1). */
  readonly scale?: number;
  /** Seed of all random streams (default 0). */
  readonly seed?: number;
  /** Also return this many thinned posterior draws (spread evenly over chains). */
  readonly keepDraws?: number;
}

/** A fit broken into chain tasks. */
export interface FitPlan {
  readonly tasks: readonly ChainTask[];
  readonly echo: FitSettingsEcho;
  readonly keepDraws: number | undefined;
}

/** Turns options into chain tasks for the given rows of `problem` (all rows by default). */
export function planFit(problem: ValidProblem, options: FitOptions = {}, rowIds?: ArrayLike<number>, fold?: number): FitPlan {
  const chains = options.chains ?? CHAINS;
  const scale = options.scale ?? PRIOR_SCALE;
  const seed = options.seed ?? 0;
  check("chains", chains, Number.isInteger(chains) && chains >= 1 && chains <= MAX_CHAINS, `a whole number in 1…${MAX_CHAINS}`);
  checkScale(scale);
  check("seed", seed, Number.isInteger(seed), "an integer");
  const settings = resolveSamplerSettings(options);
  const design = toSparseDesign(problem, rowIds);
  const tasks = Array.from({ length: chains }, (_, c) => ({ design, scale, settings, seed, stream: chainStream(c, fold) }));
  return { tasks, echo: { ...settings, chains, scale, seed }, keepDraws: options.keepDraws };
}

/**
 * Posterior of the weights of a Bayesian logistic regression (Laplace(0, scale) prior, no
 * intercept) by NUTS, chains run one after another on this thread.
 */
export function fitPosterior(problem: Problem, options: FitOptions = {}): PosteriorFit {
  const plan = planFit(asValidProblem(problem), options);
  return summarizeChains(runChains(plan.tasks), plan.echo, plan.keepDraws);
}
