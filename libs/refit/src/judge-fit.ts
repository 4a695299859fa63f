/**
 * Fitting one judge's labels on a dataset, every group: what adding a judge needs, in the browser
 * (Web Workers) as on the command line (worker threads). Browser-safe.
 *
 *   dataset + labels ─► one regression problem per group (toRegressionProblems)
 *                    ─► jobs: one per group × fold, plain data that can be posted to a worker
 *                    ─► runner.run(job) in any thread (runJudgeFitJob)  ─► fold results
 *                    ─► per group: the mean over folds ─► a weight set with the judge in every group
 *
 * Two methods: "mode", the exact posterior mode (seconds for all 16 groups), and "nuts", the
 * paper's sampler and settings. `folds: 1` is one fit on all rows; `folds ≥ 2` is the paper's
 * k-fold averaging with the same permutation and folds as `pd refit`.
 */
import { PrefDissectError } from "@prefdissect/shared";
import { GROUP_IDS, toRegressionProblems, type FeatureDataset, type PreferenceLabel, type WeightSet } from "@prefdissect/data";
import {
  combineFolds,
  fitPosteriorMode,
  planKFold,
  planKFoldFits,
  resolvePermutation,
  runChains,
  summarizeChains,
  validateProblem,
  type FitPlan,
  type PosteriorFit,
} from "@prefdissect/regression";
import { heldOutAccuracy } from "./accuracy.js";
import { preferenceIntervals } from "./uncertainty.js";

export type JudgeFitMethod = "mode" | "nuts";

export interface JudgeFitSettings {
  readonly method: JudgeFitMethod;
  /** 1: one fit on all rows; k ≥ 2: the paper's k-fold averaging. */
  readonly folds: number;
  readonly seed: number;
  readonly scale: number;
  /** NUTS only. */
  readonly chains: number;
  readonly warmup: number;
  readonly samples: number;
  /** NUTS only: thinned draws kept per fold for the 90 % intervals. */
  readonly keepDraws: number;
}

/** The paper's procedure: NUTS, 4 chains × (500 + 2,000), 10 folds, Laplace(0, 0.1). */
export const PAPER_JUDGE_FIT: JudgeFitSettings = { method: "nuts", folds: 10, seed: 0, scale: 0.1, chains: 4, warmup: 500, samples: 2000, keepDraws: 40 };

/** The fast default: the exact posterior mode of all rows of each group. */
export const MODE_JUDGE_FIT: JudgeFitSettings = { ...PAPER_JUDGE_FIT, method: "mode", folds: 1 };

/** One fold of one group, as plain data (structured-cloneable, so it can be posted to a worker). */
export type JudgeFitJob =
  | {
      readonly kind: "mode";
      readonly group: string;
      readonly fold: number;
      readonly work: number;
      readonly X: number[][];
      readonly y: number[];
      readonly scale: number;
    }
  | { readonly kind: "nuts"; readonly group: string; readonly fold: number; readonly work: number; readonly plan: FitPlan };

/** What a job returns. */
export type JudgeFitJobResult = { readonly kind: "mode"; readonly weights: number[] } | { readonly kind: "nuts"; readonly fit: PosteriorFit };

/** Runs one job on the calling thread: what a worker does with a job it is sent. */
export function runJudgeFitJob(job: JudgeFitJob): JudgeFitJobResult {
  if (job.kind === "mode") return { kind: "mode", weights: fitPosteriorMode({ X: job.X, y: job.y }, { scale: job.scale }).weights };
  return { kind: "nuts", fit: summarizeChains(runChains(job.plan.tasks), job.plan.echo, job.plan.keepDraws) };
}

/** Runs jobs, e.g. on a pool of workers; `concurrency` jobs are handed to it at once. */
export interface JudgeFitRunner {
  readonly concurrency: number;
  run(job: JudgeFitJob): Promise<JudgeFitJobResult>;
}

/** Runs every job on the calling thread, one at a time. */
export const SAME_THREAD_RUNNER: JudgeFitRunner = { concurrency: 1, run: async (job) => runJudgeFitJob(job) };

export interface JudgeFitProgress {
  /** Jobs finished and in all (a job is one fold of one group). */
  readonly done: number;
  readonly total: number;
  /** Work finished and in all: training rows summed over jobs, a better guide to the time left. */
  readonly workDone: number;
  readonly workTotal: number;
  /** The job just finished. */
  readonly group: string;
  readonly fold: number;
}

export interface FitJudgeOptions {
  /** Defaults: `MODE_JUDGE_FIT` for method "mode" (the default), `PAPER_JUDGE_FIT` for "nuts". */
  readonly settings?: Partial<JudgeFitSettings>;
  /** Groups to fit (default: all 16). */
  readonly groups?: readonly string[];
  /** Where jobs run (default: this thread). */
  readonly runner?: JudgeFitRunner;
  /** Stops handing out jobs and rejects with a PrefDissectError "cancelled". */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: JudgeFitProgress) => void;
}

export interface JudgeGroupFit {
  readonly group: string;
  /** Rows fitted and rows left out because their error check was not applicable. */
  readonly rows: number;
  readonly excluded: number;
  /** The judge's weights: the mean over folds of each fold's estimate. */
  readonly mean: number[];
  /** NUTS: the fold averages of the 5 % and 95 % posterior quantiles; the mode: the mean. */
  readonly q05: number[];
  readonly q95: number[];
  /** Every fold's held-out rows (indices into the group's rows) and estimate. */
  readonly folds: { readonly heldOut: number[]; readonly mean: number[] }[];
  /** Held-out accuracy over the folds; null for one fold, which holds nothing out. */
  readonly accuracy: number | null;
  readonly heldOutRows: number;
  /** NUTS only: thinned posterior draws pooled over the folds (empty for the mode). */
  readonly draws: number[][];
  readonly diagnostics: { maxRhat: number; minEssBulk: number; divergences: number; meanAcceptProb: number } | null;
  readonly warnings: string[];
}

/** A P(p) interval in the shape of a refit's intervals.json `preference` entries. */
export interface JudgePreferenceInterval {
  readonly judge: string;
  readonly group: string;
  readonly propertyIndex: number;
  readonly mean: number;
  readonly low: number;
  readonly high: number;
}

export interface JudgeFit {
  readonly judge: string;
  readonly settings: JudgeFitSettings;
  /** The judge's weights, group → (judge → 29 weights): merge it into any other weight set. */
  readonly weights: WeightSet;
  readonly groups: JudgeGroupFit[];
  /** 90 % intervals of P(p) per group and property (NUTS only). */
  readonly intervals: JudgePreferenceInterval[];
  readonly skipped: { readonly group: string; readonly reason: string }[];
}

/** Full settings from a partial set: the method picks the defaults it starts from. */
export function resolveJudgeFitSettings(partial: Partial<JudgeFitSettings> = {}): JudgeFitSettings {
  const settings = { ...(partial.method === "nuts" ? PAPER_JUDGE_FIT : MODE_JUDGE_FIT), ...partial };
  if (!Number.isInteger(settings.folds) || settings.folds < 1) {
    throw new PrefDissectError("bad-folds", `folds must be a whole number of at least 1, got ${settings.folds}`, { field: "folds" });
  }
  return settings;
}

/** One group's rows and fold jobs (shared with `pd refit`, which stores each job's result). */
export interface GroupPlan {
  readonly group: string;
  readonly X: number[][];
  readonly y: number[];
  readonly excluded: number;
  /** Held-out rows per fold (one empty list for one fold). */
  readonly heldOut: number[][];
  readonly permutation: number[];
  readonly jobs: JudgeFitJob[];
}

export function planGroup(group: string, X: number[][], y: number[], excluded: number, settings: JudgeFitSettings): GroupPlan {
  const base = { group, X, y, excluded };
  if (settings.method === "nuts") {
    const problem = validateProblem({ X, y });
    const fitOptions = {
      seed: settings.seed,
      chains: settings.chains,
      warmup: settings.warmup,
      samples: settings.samples,
      scale: settings.scale,
      keepDraws: settings.keepDraws,
    };
    // One fold is planned by the shared k-fold code too: a plain fit on every row.
    const { permutation, folds, plans } = planKFoldFits(problem, { ...fitOptions, folds: settings.folds });
    const jobs = plans.map((plan, fold): JudgeFitJob => ({ kind: "nuts", group, fold, work: folds[fold]!.train.length, plan }));
    return { ...base, heldOut: folds.map((fold) => fold.heldOut), permutation, jobs };
  }
  const permutation = resolvePermutation(y.length, { seed: settings.seed });
  const folds = planKFold(y.length, settings.folds, permutation);
  const jobs = folds.map((fold): JudgeFitJob => ({
    kind: "mode",
    group,
    fold: fold.index,
    work: fold.train.length,
    X: fold.train.map((i) => X[i]!),
    y: fold.train.map((i) => y[i]!),
    scale: settings.scale,
  }));
  return { ...base, heldOut: folds.map((fold) => fold.heldOut), permutation, jobs };
}

function cancelled(judge: string): PrefDissectError {
  return new PrefDissectError("cancelled", `the fit of judge "${judge}" was cancelled`, { field: "judge" });
}

/** The mean over folds of each fold's weight vector. */
function averageOf(vectors: readonly number[][]): number[] {
  return vectors[0]!.map((_, k) => vectors.reduce((sum, vector) => sum + vector[k]!, 0) / vectors.length);
}

/** A group's fit from its jobs' results, in fold order. */
export function combineGroup(plan: GroupPlan, results: readonly JudgeFitJobResult[], settings: JudgeFitSettings): JudgeGroupFit {
  let mean: number[];
  let q05: number[];
  let q95: number[];
  let foldMeans: number[][];
  let draws: number[][] = [];
  let diagnostics: JudgeGroupFit["diagnostics"] = null;
  let warnings: string[] = [];
  if (settings.method === "nuts") {
    const fits = results.map((result) => (result as Extract<JudgeFitJobResult, { kind: "nuts" }>).fit);
    foldMeans = fits.map((fit) => fit.mean);
    draws = fits.flatMap((fit) => fit.draws ?? []);
    if (fits.length === 1) {
      ({ mean, q05, q95 } = fits[0]!);
      const { maxRhat, minEssBulk, divergences, meanAcceptProb } = fits[0]!.diagnostics;
      diagnostics = { maxRhat, minEssBulk, divergences, meanAcceptProb };
      warnings = fits[0]!.warnings;
    } else {
      const folds = plan.heldOut.map((heldOut, index) => ({ index, heldOut, train: [] }));
      const combined = combineFolds(folds, fits, plan.permutation);
      ({ mean, q05, q95 } = combined);
      const { maxRhat, minEssBulk, divergences, meanAcceptProb } = combined.diagnostics;
      diagnostics = { maxRhat, minEssBulk, divergences, meanAcceptProb };
      warnings = combined.warnings;
    }
  } else {
    foldMeans = results.map((result) => (result as Extract<JudgeFitJobResult, { kind: "mode" }>).weights);
    mean = averageOf(foldMeans);
    q05 = mean;
    q95 = mean;
  }
  const { accuracy, rows: heldOutRows } = heldOutAccuracy(
    plan.X,
    plan.y,
    foldMeans.map((weights, fold) => ({ weights, heldOut: plan.heldOut[fold]! })),
  );
  const folds = foldMeans.map((foldMean, fold) => ({ heldOut: plan.heldOut[fold]!, mean: foldMean }));
  return { group: plan.group, rows: plan.y.length, excluded: plan.excluded, mean, q05, q95, folds, accuracy, heldOutRows, draws, diagnostics, warnings };
}

/**
 * Fits `judge` in every group of `dataset`. The labels come from `labels` (one per pair, dataset
 * order) or, when absent, from the dataset's own labels of `judge`. A group with fewer usable
 * rows than folds is skipped and listed.
 */
export async function fitJudge(
  dataset: FeatureDataset,
  judge: string,
  labels: readonly PreferenceLabel[] | undefined,
  options: FitJudgeOptions = {},
): Promise<JudgeFit> {
  const settings = resolveJudgeFitSettings(options.settings);
  const groups = options.groups ?? GROUP_IDS;
  for (const group of groups) {
    if (!GROUP_IDS.includes(group))
      throw new PrefDissectError("unknown-group", `unknown group "${group}" (known: ${GROUP_IDS.join(", ")})`, { field: "groups" });
  }
  if (labels !== undefined && labels.length !== dataset.rows.length) {
    throw new PrefDissectError(
      "length-mismatch",
      `${labels.length} labels given for judge "${judge}" but ${dataset.source.file} has ${dataset.rows.length} pairs`,
      {
        file: dataset.source.file,
      },
    );
  }
  const data: FeatureDataset = labels === undefined ? dataset : { ...dataset, labels: new Map([...dataset.labels, [judge, labels]]) };

  const skipped: { group: string; reason: string }[] = [];
  const plans: GroupPlan[] = [];
  for (const group of groups) {
    const problem = toRegressionProblems(data, judge, group);
    if (problem.y.length < Math.max(1, settings.folds)) {
      skipped.push({ group, reason: `only ${problem.y.length} usable pairs for ${settings.folds} fold${settings.folds === 1 ? "" : "s"}` });
      continue;
    }
    plans.push(planGroup(group, problem.X, problem.y, problem.excluded, settings));
  }

  const runner = options.runner ?? SAME_THREAD_RUNNER;
  const signal = options.signal;
  // Largest jobs first, so the last ones to finish are short and the workers end together.
  const queue = plans.flatMap((plan) => plan.jobs).sort((a, b) => b.work - a.work);
  const total = queue.length;
  const workTotal = queue.reduce((sum, job) => sum + job.work, 0);
  const results = new Map<string, JudgeFitJobResult[]>(plans.map((plan) => [plan.group, new Array<JudgeFitJobResult>(plan.jobs.length)]));
  let done = 0;
  let workDone = 0;
  const aborted = new Promise<never>((_, reject) => {
    if (signal?.aborted) reject(cancelled(judge));
    signal?.addEventListener("abort", () => reject(cancelled(judge)), { once: true });
  });
  aborted.catch(() => undefined);
  // Once a job fails (or the fit is cancelled) the other lanes stop taking jobs.
  let stopped = false;
  const lane = async (): Promise<void> => {
    for (let job = queue.shift(); job !== undefined && !stopped; job = queue.shift()) {
      if (signal?.aborted) throw cancelled(judge);
      let result: JudgeFitJobResult;
      try {
        result = await Promise.race([runner.run(job), aborted]);
      } catch (error) {
        stopped = true;
        throw error;
      }
      results.get(job.group)![job.fold] = result;
      done++;
      workDone += job.work;
      options.onProgress?.({ done, total, workDone, workTotal, group: job.group, fold: job.fold });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(runner.concurrency, total)) }, lane));

  const fits = plans.map((plan) => combineGroup(plan, results.get(plan.group)!, settings));
  const weights: WeightSet = new Map(fits.map((fit) => [fit.group, new Map([[judge, fit.mean]])]));
  const intervals = fits.flatMap((fit) =>
    fit.draws.length === 0 ? [] : preferenceIntervals(fit.draws).map((interval, propertyIndex) => ({ judge, group: fit.group, propertyIndex, ...interval })),
  );
  return { judge, settings, weights, groups: fits, intervals, skipped };
}
