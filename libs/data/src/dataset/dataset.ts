/**
 * What every loader returns, and the hand-over to the regression: feature rows per pair, and the
 * design matrix and labels of one judge in one group.
 */
import { PrefDissectError } from "@prefdissect/shared";
import { featuresOf, isCompactDataset, type CompactDataset } from "./compact.js";
import { comparisonFeatures } from "./features.js";
import { groupsOf } from "./groups.js";
import type { PairRecord, PreferenceLabel } from "./types.js";

export type DatasetFormat = "hf-parquet" | "resolved-jsonl" | "pairs-jsonl" | "pairs-csv";

/** Where a dataset came from and what was noticed while reading it. */
export interface DatasetSource {
  readonly format: DatasetFormat;
  /** File (or URL) the rows were read from. */
  readonly file: string;
  readonly rows: number;
  /** True for data made by `pd synth` (Parquet key-value metadata `prefdissect.synthetic`). */
  readonly synthetic: boolean;
  /** Accepted differences between the file's columns and the documented schema. */
  readonly schemaDifferences: readonly string[];
  /** Values kept the way the authors' code treats them (see docs/data-format.md). */
  readonly warnings: readonly string[];
  /** Parquet key-value metadata, when present. */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** A dataset of annotated pairs (formats a, d and our synthetic data). */
export interface PairDataset {
  readonly pairs: PairRecord[];
  readonly source: DatasetSource;
}

/** One pair reduced to what the regression needs; also the line format of `pd features`. */
export interface FeatureRow {
  /** 0-based position in the dataset. */
  readonly index: number;
  /** Scenario and query-specific case ids (`GROUP_IDS` spellings). */
  readonly groups: string[];
  /** 29 values in {-1, 0, 1}, released property order. */
  readonly features: number[];
  /** True when the error check was not applicable; such rows are left out of fits. */
  readonly excluded: boolean;
}

/** Feature rows plus every judge's labels in row order (all formats, including b). */
export interface FeatureDataset {
  readonly rows: FeatureRow[];
  readonly labels: ReadonlyMap<string, readonly PreferenceLabel[]>;
  readonly source: DatasetSource;
}

/** Computes the feature rows of a pair dataset and gathers the labels per judge. */
export function toFeatureDataset(data: PairDataset): FeatureDataset {
  const rows = data.pairs.map((pair, index) => ({ index, groups: groupsOf(pair), ...comparisonFeatures(pair) }));
  const judges = new Set<string>();
  for (const pair of data.pairs) for (const judge of Object.keys(pair.labels)) judges.add(judge);
  const labels = new Map<string, PreferenceLabel[]>();
  for (const judge of judges) {
    // A judge is usable only when every pair carries its label.
    if (data.pairs.every((pair) => pair.labels[judge] !== undefined)) {
      labels.set(judge, data.pairs.map((pair) => pair.labels[judge]!));
    }
  }
  return { rows, labels, source: data.source };
}

/** One judge × group regression: rows of X are feature vectors, y is 1 when A was preferred. */
export interface RegressionProblem {
  readonly judge: string;
  readonly group: string;
  readonly X: number[][];
  readonly y: number[];
  /** Dataset index of each row of X. */
  readonly rows: number[];
  /** Pairs of the group left out because their error check was not applicable. */
  readonly excluded: number;
}

/** Either form of a feature dataset: rows of objects, or the compact columns. */
export type FittableDataset = FeatureDataset | CompactDataset;

/**
 * Every pair's features as a plain array, made once per compact dataset and shared by all its
 * regression problems: a pair is in several groups and fitted for several judges.
 */
const sharedRows = new WeakMap<CompactDataset, (number[] | undefined)[]>();

function compactProblem(dataset: CompactDataset, judge: string, group: string, labels: Uint8Array): RegressionProblem {
  let rowsOf = sharedRows.get(dataset);
  if (rowsOf === undefined) sharedRows.set(dataset, (rowsOf = new Array<number[] | undefined>(dataset.size)));
  const X: number[][] = [];
  const y: number[] = [];
  const rows: number[] = [];
  let excluded = 0;
  for (const index of dataset.groups.get(group) ?? []) {
    if (dataset.excluded[index] === 1) {
      excluded += 1;
      continue;
    }
    X.push((rowsOf[index] ??= featuresOf(dataset, index)));
    y.push(labels[index]!);
    rows.push(index);
  }
  return { judge, group, X, y, rows, excluded };
}

/**
 * The design matrix and labels of `judge` in `group` (no intercept column: the paper's model has
 * none). Accepts annotated pairs or a feature dataset in either form.
 */
export function toRegressionProblems(
  data: readonly PairRecord[] | FittableDataset,
  judge: string,
  group: string,
): RegressionProblem {
  const dataset = Array.isArray(data)
    ? toFeatureDataset({
        pairs: data as PairRecord[],
        source: { format: "pairs-jsonl", file: "(memory)", rows: data.length, synthetic: false, schemaDifferences: [], warnings: [] },
      })
    : (data as FittableDataset);
  const labels = dataset.labels.get(judge);
  if (labels === undefined) {
    throw new PrefDissectError(
      "unknown-judge",
      `${dataset.source.file} has no labels for judge "${judge}" on every pair (judges with labels: ${[...dataset.labels.keys()].join(", ") || "none"})`,
      { file: dataset.source.file, field: judge },
    );
  }
  if (isCompactDataset(dataset)) return compactProblem(dataset, judge, group, labels as Uint8Array);
  const X: number[][] = [];
  const y: number[] = [];
  const rows: number[] = [];
  let excluded = 0;
  for (const row of dataset.rows) {
    if (!row.groups.includes(group)) continue;
    if (row.excluded) {
      excluded += 1;
      continue;
    }
    X.push(row.features);
    y.push(labels[row.index] === "A" ? 1 : 0);
    rows.push(row.index);
  }
  return { judge, group, X, y, rows, excluded };
}

/** Collects warnings, keeping the first `limit` messages and counting the rest. */
export function createWarningLog(limit = 20): { add(message: string): void; list(): string[] } {
  const kept: string[] = [];
  let dropped = 0;
  return {
    add(message: string) {
      if (kept.length < limit) kept.push(message);
      else dropped += 1;
    },
    list() {
      return dropped === 0 ? [...kept] : [...kept, `… and ${dropped} more`];
    },
  };
}
