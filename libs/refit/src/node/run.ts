/**
 * The refit pipeline: every judge × group of a feature dataset, fitted with the paper's k-fold
 * procedure, stored as it finishes, then gathered into weight files, a summary and intervals.
 *
 *   dataset ─► problems (judge × group) ─► k-fold fits on the pool ─► fits/<judge>/<group>.json
 *                                                                       │ (resume: reuse verified)
 *            weights/model_<group>_fitted_paras.jsonl ◄─ summary.json ◄─┘  intervals.json
 */
import { join } from "node:path";
import { PrefDissectError } from "@prefdissect/shared";
import { writeWeightsDirectory } from "@prefdissect/data/node";
import { GROUP_IDS, JUDGE_IDS, SCENARIO_IDS, toRegressionProblems, type FittableDataset, type WeightSet } from "@prefdissect/data";
import { fitPosteriorMode, planKFold, resolvePermutation, type KFoldFit, type KFoldOptions, type Problem } from "@prefdissect/regression";
import { heldOutAccuracy } from "../accuracy.js";
import { preferenceIntervals, similarityInterval, type Interval } from "../uncertainty.js";
import { REFIT_INTERVALS_TAG, REFIT_SUMMARY_TAG, RefitEntrySchema, type RefitEntry, type RefitIntervals, type RefitSettings, type RefitSummary } from "../formats.js";
import { writeRefitIntervals, writeRefitSummary } from "./files.js";
import { fingerprintOf, loadFit, saveFit } from "./store.js";

/** Anything that fits k folds: the worker pool, or a single-thread wrapper. */
export interface KFoldFitter {
  fitKFold(problem: Problem, options: KFoldOptions): Promise<KFoldFit>;
}

export const PAPER_REFIT_SETTINGS: RefitSettings = { folds: 10, seed: 0, chains: 4, warmup: 500, samples: 2000, scale: 0.1, keepDraws: 40, method: "nuts" };

export interface RefitProgress {
  readonly done: number;
  readonly total: number;
  readonly judge: string;
  readonly group: string;
  readonly reused: boolean;
  /** Why a stored entry was not reused, when it existed. */
  readonly note?: string;
}

export interface RefitOptions {
  /** Rows of objects, or the compact columns (large datasets). */
  readonly dataset: FittableDataset;
  readonly outDir: string;
  readonly judges?: readonly string[];
  readonly groups?: readonly string[];
  readonly settings?: Partial<RefitSettings>;
  readonly fitter: KFoldFitter;
  /** Jobs in flight at once (each already spreads its chains over the pool). */
  readonly concurrency?: number;
  readonly onProgress?: (progress: RefitProgress) => void;
}

export interface RefitResult {
  readonly weights: WeightSet;
  readonly entries: ReadonlyMap<string, ReadonlyMap<string, RefitEntry>>;
  readonly fitted: number;
  readonly reused: number;
  readonly skipped: { judge: string; group: string; reason: string }[];
  readonly weightsDir: string;
}

interface Job {
  readonly judge: string;
  readonly group: string;
  readonly problem: { X: number[][]; y: number[]; excluded: number };
}

/** What either fitting method hands on to the stored entry. */
interface FoldedFit {
  readonly mean: number[];
  readonly q05: number[];
  readonly q95: number[];
  readonly folds: { readonly heldOut: number[]; readonly mean: number[]; readonly draws: readonly number[][] }[];
  readonly diagnostics: RefitEntry["diagnostics"];
  readonly warnings: string[];
}

/** Fast path: the exact posterior mode of every fold, averaged (no draws, no intervals). */
function modeKFold(problem: Problem, settings: RefitSettings): FoldedFit {
  const permutation = resolvePermutation(problem.y.length, { seed: settings.seed });
  const folds = planKFold(problem.y.length, settings.folds, permutation).map((fold) => {
    const train = { X: fold.train.map((i) => problem.X[i]!), y: fold.train.map((i) => problem.y[i]!) };
    return { heldOut: fold.heldOut, mean: fitPosteriorMode(train, { scale: settings.scale }).weights, draws: [] };
  });
  const mean = folds[0]!.mean.map((_, k) => folds.reduce((s, fold) => s + fold.mean[k]!, 0) / folds.length);
  return { mean, q05: mean, q95: mean, folds, diagnostics: null, warnings: [] };
}

/** The paper's procedure: NUTS on every fold (chains spread over the fitter's workers). */
async function nutsKFold(problem: Problem, settings: RefitSettings, fitter: KFoldFitter): Promise<FoldedFit> {
  const { folds: foldSettings, seed, chains, warmup, samples, scale, keepDraws } = settings;
  const kfold: KFoldFit = await fitter.fitKFold(problem, { folds: foldSettings, seed, chains, warmup, samples, scale, keepDraws });
  const { maxRhat, minEssBulk, divergences, meanAcceptProb } = kfold.diagnostics;
  return {
    mean: kfold.mean,
    q05: kfold.q05,
    q95: kfold.q95,
    folds: kfold.folds.map((fold) => ({ heldOut: fold.heldOut, mean: fold.fit.mean, draws: fold.fit.draws ?? [] })),
    diagnostics: { maxRhat, minEssBulk, divergences, meanAcceptProb },
    warnings: kfold.warnings,
  };
}

async function fitJob(job: Job, settings: RefitSettings, fitter: KFoldFitter): Promise<RefitEntry> {
  const started = performance.now();
  const { X, y } = job.problem;
  const fit = settings.method === "mode" ? modeKFold({ X, y }, settings) : await nutsKFold({ X, y }, settings, fitter);
  const { accuracy, rows: heldOutRows } = heldOutAccuracy(X, y, fit.folds.map((fold) => ({ weights: fold.mean, heldOut: fold.heldOut })));
  return {
    rows: y.length,
    excluded: job.problem.excluded,
    mean: fit.mean,
    q05: fit.q05,
    q95: fit.q95,
    folds: fit.folds.map(({ heldOut, mean }) => ({ heldOut, mean })),
    draws: fit.folds.flatMap((fold) => fold.draws as number[][]),
    accuracy,
    heldOutRows,
    diagnostics: fit.diagnostics,
    warnings: fit.warnings,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Runs (or resumes) a refit into `outDir`. */
export async function runRefit(options: RefitOptions): Promise<RefitResult> {
  const settings: RefitSettings = { ...PAPER_REFIT_SETTINGS, ...options.settings };
  const judges = options.judges ?? JUDGE_IDS.filter((judge) => options.dataset.labels.has(judge));
  const groups = options.groups ?? GROUP_IDS;
  for (const judge of judges) {
    if (!options.dataset.labels.has(judge)) {
      throw new PrefDissectError("unknown-judge", `the dataset has no labels for judge "${judge}" (it has: ${[...options.dataset.labels.keys()].join(", ")})`, { field: "judges" });
    }
  }
  for (const group of groups) {
    if (!GROUP_IDS.includes(group)) throw new PrefDissectError("unknown-group", `unknown group "${group}" (known: ${GROUP_IDS.join(", ")})`, { field: "groups" });
  }

  const skipped: RefitResult["skipped"] = [];
  const jobs: Job[] = [];
  for (const judge of judges) {
    for (const group of groups) {
      const problem = toRegressionProblems(options.dataset, judge, group);
      if (problem.y.length < settings.folds) {
        skipped.push({ judge, group, reason: `only ${problem.y.length} usable pairs for ${settings.folds} folds` });
        continue;
      }
      jobs.push({ judge, group, problem: { X: problem.X, y: problem.y, excluded: problem.excluded } });
    }
  }

  const entries = new Map<string, Map<string, RefitEntry>>();
  const record = (job: Job, entry: RefitEntry) => {
    if (!entries.has(job.judge)) entries.set(job.judge, new Map());
    entries.get(job.judge)!.set(job.group, entry);
  };
  let done = 0;
  let fitted = 0;
  let reused = 0;
  const queue = [...jobs];
  const worker = async () => {
    for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
      const fingerprint = fingerprintOf({ X: job.problem.X, y: job.problem.y, settings });
      const stored = await loadFit(options.outDir, job.judge, job.group, fingerprint, RefitEntrySchema);
      let entry: RefitEntry;
      let note: string | undefined;
      if (stored.status === "hit") {
        entry = stored.fit.body;
        reused++;
      } else {
        if (stored.status !== "missing") note = stored.reason;
        entry = await fitJob(job, settings, options.fitter);
        await saveFit(options.outDir, { judge: job.judge, group: job.group, fingerprint, body: entry });
        fitted++;
      }
      record(job, entry);
      done++;
      options.onProgress?.({ done, total: jobs.length, judge: job.judge, group: job.group, reused: stored.status === "hit", ...(note ? { note } : {}) });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));

  const weights = new Map<string, Map<string, number[]>>();
  for (const group of groups) {
    for (const judge of judges) {
      const entry = entries.get(judge)?.get(group);
      if (entry === undefined) continue;
      if (!weights.has(group)) weights.set(group, new Map());
      weights.get(group)!.set(judge, entry.mean);
    }
  }
  const weightsDir = join(options.outDir, "weights");
  await writeWeightsDirectory(weightsDir, weights);
  await writeRefitSummary(options.outDir, summarise(options.dataset, settings, judges, groups, entries, skipped));
  await writeRefitIntervals(options.outDir, intervalsOf(options.dataset, judges, groups, entries));
  return { weights, entries, fitted, reused, skipped, weightsDir };
}

/**
 * Held-out accuracy of one judge pooled over the scenario fits (rows-weighted); null when no fit
 * held out a row (one fold) or the judge has no scenario fit.
 */
export function pooledAccuracy(entries: ReadonlyMap<string, RefitEntry> | undefined, groups: readonly string[] = SCENARIO_IDS): number | null {
  let correct = 0;
  let rows = 0;
  for (const group of groups) {
    const entry = entries?.get(group);
    if (entry === undefined || entry.accuracy === null) continue;
    correct += entry.accuracy * entry.heldOutRows;
    rows += entry.heldOutRows;
  }
  return rows === 0 ? null : correct / rows;
}

/** How summary.json explains its accuracy numbers. */
function accuracyDefinition(folds: number): string {
  return folds === 1
    ? "not available: one fold fits every row, so no row is held out to test the model on"
    : "k-fold held-out accuracy: each fold's posterior-mean weights predict its held-out rows (A when x·w > 0, B when < 0, ties count half); pooled over the folds, and for a judge over its 11 scenario fits";
}

function summarise(
  dataset: FittableDataset,
  settings: RefitSettings,
  judges: readonly string[],
  groups: readonly string[],
  entries: ReadonlyMap<string, ReadonlyMap<string, RefitEntry>>,
  skipped: RefitResult["skipped"],
): RefitSummary {
  return {
    format: REFIT_SUMMARY_TAG,
    source: { file: dataset.source.file, format: dataset.source.format, rows: dataset.source.rows, synthetic: dataset.source.synthetic },
    settings,
    judges: [...judges],
    groups: [...groups],
    accuracyDefinition: accuracyDefinition(settings.folds),
    accuracy: Object.fromEntries(judges.map((judge) => [judge, pooledAccuracy(entries.get(judge))])),
    fits: judges.flatMap((judge) =>
      groups.flatMap((group) => {
        const e = entries.get(judge)?.get(group);
        return e === undefined
          ? []
          : [{ judge, group, rows: e.rows, excluded: e.excluded, accuracy: e.accuracy, seconds: e.seconds, diagnostics: e.diagnostics, warnings: e.warnings }];
      }),
    ),
    skipped,
  };
}

function intervalsOf(
  dataset: FittableDataset,
  judges: readonly string[],
  groups: readonly string[],
  entries: ReadonlyMap<string, ReadonlyMap<string, RefitEntry>>,
): RefitIntervals {
  const preference: { judge: string; group: string; propertyIndex: number; mean: number; low: number; high: number }[] = [];
  for (const judge of judges) {
    for (const group of groups) {
      const entry = entries.get(judge)?.get(group);
      if (entry === undefined || entry.draws.length === 0) continue;
      preferenceIntervals(entry.draws).forEach((interval: Interval, propertyIndex) => preference.push({ judge, group, propertyIndex, ...interval }));
    }
  }
  const scenarios = SCENARIO_IDS.filter((g) => groups.includes(g));
  const similarity: { a: string; b: string; mean: number; low: number; high: number }[] = [];
  const drawsOf = (judge: string) => scenarios.map((g) => entries.get(judge)?.get(g)?.draws ?? []);
  for (let i = 0; i < judges.length; i++) {
    for (let j = i + 1; j < judges.length; j++) {
      const a = drawsOf(judges[i]!);
      const b = drawsOf(judges[j]!);
      if (scenarios.length === 0 || [...a, ...b].some((d) => d.length === 0)) continue;
      similarity.push({ a: judges[i]!, b: judges[j]!, ...similarityInterval(a, b) });
    }
  }
  return { format: REFIT_INTERVALS_TAG, synthetic: dataset.source.synthetic, mass: 0.9, preference, similarity };
}
