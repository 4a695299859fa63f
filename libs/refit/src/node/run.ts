/**
 * The refit pipeline: every judge × group × fold of a feature dataset, fitted with the paper's
 * k-fold procedure, each fold stored as it finishes, then gathered into weight files, a summary and
 * intervals.
 *
 *   dataset ─► job list (judge × group × fold) ─► [this shard's slice] ─► runner ─► fits/<judge>/<group>/fold-<i>.json
 *                                                                                   │ (resume: reuse verified)
 *            weights/model_<group>_fitted_paras.jsonl ◄─ summary.json ◄─ combine ◄──┘  intervals.json
 *
 * A sharded run (`shard`) fits only its slice of the list and writes nothing else; a run without
 * one over the same folder finds those folds done and only combines them.
 */
import { join } from "node:path";
import { PrefDissectError } from "@prefdissect/shared";
import { writeWeightsDirectory } from "@prefdissect/data/node";
import { GROUP_IDS, JUDGE_IDS, SCENARIO_IDS, toRegressionProblems, type FittableDataset, type WeightSet } from "@prefdissect/data";
import type { PosteriorFit } from "@prefdissect/regression";
import { preferenceIntervals, similarityInterval, type Interval } from "../uncertainty.js";
import { combineGroup, planGroup, type GroupPlan, type JudgeFitJobResult, type JudgeFitRunner } from "../judge-fit.js";
import { assignShards, type ShardSpec } from "../shard.js";
import {
  REFIT_INTERVALS_TAG,
  REFIT_SUMMARY_TAG,
  StoredFoldSchema,
  type RefitEntry,
  type RefitIntervals,
  type RefitSettings,
  type RefitSummary,
  type StoredFold,
} from "../formats.js";
import { writeRefitIntervals, writeRefitSummary } from "./files.js";
import { fingerprintOf, loadFit, saveFit } from "./store.js";

export const PAPER_REFIT_SETTINGS: RefitSettings = { folds: 10, seed: 0, chains: 4, warmup: 500, samples: 2000, scale: 0.1, keepDraws: 40, method: "nuts" };

export interface RefitProgress {
  /** Jobs (folds) finished and in all, in this run's slice. */
  readonly done: number;
  readonly total: number;
  readonly judge: string;
  readonly group: string;
  readonly fold: number;
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
  /** Where fold jobs run: `poolJudgeFitRunner(pool)` on worker threads, or `SAME_THREAD_RUNNER`. */
  readonly runner: JudgeFitRunner;
  /** Fit only this slice of the job list and write only its per-fold files (see shard.ts). */
  readonly shard?: ShardSpec;
  readonly onProgress?: (progress: RefitProgress) => void;
}

export interface RefitResult {
  /** Empty for a sharded run, which combines nothing. */
  readonly weights: WeightSet;
  readonly entries: ReadonlyMap<string, ReadonlyMap<string, RefitEntry>>;
  /** Jobs (folds) fitted now and kept from the folder. */
  readonly fitted: number;
  readonly reused: number;
  /** Jobs in the whole list and in this run's slice. */
  readonly jobs: number;
  readonly sliceJobs: number;
  readonly skipped: { judge: string; group: string; reason: string }[];
  /** Where the weights were written; null for a sharded run. */
  readonly weightsDir: string | null;
}

/** One fold of one judge × group: an entry of the job list. */
interface ListedJob {
  readonly judge: string;
  readonly group: string;
  readonly fold: number;
  /** Training rows, what the fit's time grows with. */
  readonly work: number;
}

/** A judge × group being worked on: its plan, the fingerprint of its inputs, its folds so far. */
interface OpenGroup {
  readonly plan: GroupPlan;
  readonly fingerprint: string;
  readonly folds: StoredFold[];
  /** Jobs of this run's slice not finished yet. */
  remaining: number;
}

const key = (judge: string, group: string) => `${judge}\u0000${group}`;

/** What a stored fold holds, picked from a job's result (NaN becomes null in JSON). */
function storedFoldOf(result: JudgeFitJobResult, seconds: number): unknown {
  if (result.kind === "mode") return { result: { kind: "mode", weights: result.weights }, seconds };
  const { mean, sd, q05, q50, q95, warnings, draws } = result.fit;
  const { maxRhat, minEssBulk, divergences, meanAcceptProb, gradientEvaluations } = result.fit.diagnostics;
  return {
    result: {
      kind: "nuts",
      fit: {
        mean,
        sd,
        q05,
        q50,
        q95,
        diagnostics: { maxRhat, minEssBulk, divergences, meanAcceptProb, gradientEvaluations },
        warnings,
        ...(draws ? { draws } : {}),
      },
    },
    seconds,
  };
}

/** A stored fold as the job result `combineGroup` reads (it uses only the stored fields). */
function jobResultOf(fold: StoredFold): JudgeFitJobResult {
  return fold.result.kind === "mode" ? fold.result : { kind: "nuts", fit: fold.result.fit as unknown as PosteriorFit };
}

function entryOf(open: OpenGroup, settings: RefitSettings): RefitEntry {
  const fit = combineGroup(open.plan, open.folds.map(jobResultOf), settings);
  const { rows, excluded, mean, q05, q95, folds, draws, accuracy, heldOutRows, diagnostics, warnings } = fit;
  return {
    rows,
    excluded,
    mean,
    q05,
    q95,
    folds,
    draws,
    accuracy,
    heldOutRows,
    diagnostics,
    warnings,
    seconds: open.folds.reduce((sum, fold) => sum + fold.seconds, 0),
  };
}

/** Runs (or resumes, or with `shard` runs one slice of) a refit into `outDir`. */
export async function runRefit(options: RefitOptions): Promise<RefitResult> {
  const settings: RefitSettings = { ...PAPER_REFIT_SETTINGS, ...options.settings };
  const judges = options.judges ?? JUDGE_IDS.filter((judge) => options.dataset.labels.has(judge));
  const groups = options.groups ?? GROUP_IDS;
  for (const judge of judges) {
    if (!options.dataset.labels.has(judge)) {
      throw new PrefDissectError("unknown-judge", `the dataset has no labels for judge "${judge}" (it has: ${[...options.dataset.labels.keys()].join(", ")})`, {
        field: "judges",
      });
    }
  }
  for (const group of groups) {
    if (!GROUP_IDS.includes(group))
      throw new PrefDissectError("unknown-group", `unknown group "${group}" (known: ${GROUP_IDS.join(", ")})`, { field: "groups" });
  }

  // The whole job list, the same on every machine: it depends only on the data and the settings.
  const skipped: RefitResult["skipped"] = [];
  const listed: ListedJob[] = [];
  for (const judge of judges) {
    for (const group of groups) {
      const rows = toRegressionProblems(options.dataset, judge, group).y.length;
      if (rows < settings.folds) {
        skipped.push({ judge, group, reason: `only ${rows} usable pairs for ${settings.folds} folds` });
        continue;
      }
      const work = settings.folds === 1 ? rows : rows - Math.trunc(rows / settings.folds);
      for (let fold = 0; fold < settings.folds; fold++) listed.push({ judge, group, fold, work });
    }
  }
  const shards = options.shard
    ? assignShards(
        listed.map((job) => job.work),
        options.shard.count,
      )
    : undefined;
  const slice = shards ? listed.filter((_, j) => shards[j] === options.shard!.index) : listed;

  // Groups are planned when their first job is taken and dropped when their last one is done, so
  // only the groups in flight are held in memory.
  const open = new Map<string, OpenGroup>();
  const openGroup = (job: ListedJob): OpenGroup => {
    const found = open.get(key(job.judge, job.group));
    if (found) return found;
    const problem = toRegressionProblems(options.dataset, job.judge, job.group);
    const created: OpenGroup = {
      plan: planGroup(job.group, problem.X, problem.y, problem.excluded, settings),
      fingerprint: fingerprintOf({ X: problem.X, y: problem.y, settings }),
      folds: [],
      remaining: slice.filter((j) => j.judge === job.judge && j.group === job.group).length,
    };
    open.set(key(job.judge, job.group), created);
    return created;
  };

  const entries = new Map<string, Map<string, RefitEntry>>();
  let done = 0;
  let fitted = 0;
  let reused = 0;
  let next = 0;
  const lane = async () => {
    for (let job = slice[next++]; job !== undefined; job = slice[next++]) {
      const group = openGroup(job);
      const stored = await loadFit(options.outDir, job, group.fingerprint, StoredFoldSchema);
      let fold: StoredFold;
      let note: string | undefined;
      if (stored.status === "hit") {
        fold = stored.fit.body;
        reused++;
      } else {
        if (stored.status !== "missing") note = stored.reason;
        const started = performance.now();
        const result = await options.runner.run(group.plan.jobs[job.fold]!);
        const body = storedFoldOf(result, (performance.now() - started) / 1000);
        await saveFit(options.outDir, { judge: job.judge, group: job.group, fold: job.fold, folds: settings.folds, fingerprint: group.fingerprint, body });
        // Combined from what was written, as a later run reading the file would combine it.
        fold = StoredFoldSchema.parse(JSON.parse(JSON.stringify(body)));
        fitted++;
      }
      group.folds[job.fold] = fold;
      if (--group.remaining === 0) {
        open.delete(key(job.judge, job.group));
        if (!shards) {
          if (!entries.has(job.judge)) entries.set(job.judge, new Map());
          entries.get(job.judge)!.set(job.group, entryOf(group, settings));
        }
      }
      done++;
      options.onProgress?.({
        done,
        total: slice.length,
        judge: job.judge,
        group: job.group,
        fold: job.fold,
        reused: stored.status === "hit",
        ...(note ? { note } : {}),
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.runner.concurrency) }, lane));

  const common = { entries, fitted, reused, jobs: listed.length, sliceJobs: slice.length, skipped };
  if (shards) return { ...common, weights: new Map(), weightsDir: null };

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
  return { ...common, weights, weightsDir };
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
          : [{ judge, group, rows: e.rows, excluded: e.excluded, accuracy: e.accuracy, diagnostics: e.diagnostics, warnings: e.warnings }];
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
