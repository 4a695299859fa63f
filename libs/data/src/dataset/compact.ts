/**
 * The compact, columnar form of a feature dataset: what the regression needs of each pair, in
 * typed arrays, so that a million pairs fit in tens of megabytes instead of gigabytes of objects.
 *
 *   features   Int8Array, pairs × 29, row-major (released property order)
 *   excluded   Uint8Array, 1 where the error check was not applicable
 *   groups     group id → ascending pair indices (Uint32Array)
 *   labels     judge → Uint8Array, 1 when A was preferred, 0 when B was
 *
 * Texts are not kept. Loaders build it pair by pair (`createCompactBuilder`), so no reader ever
 * holds more than one batch of pairs as objects; `FeatureDataset` (rows of objects) is the same
 * data for the figures and the demo, and converts both ways.
 */
import { QUERY_SPECIFIC_CASES } from "../catalog/groups.js";
import { PROPERTY_COUNT } from "../catalog/properties.js";
import type { DatasetSource, FeatureDataset, FeatureRow } from "./dataset.js";
import { comparisonFeatures } from "./features.js";
import { groupsOf } from "./groups.js";
import type { PairRecord, PreferenceLabel } from "./types.js";

export interface CompactDataset {
  /** Number of pairs. */
  readonly size: number;
  /** `size` × 29 values in {-1, 0, 1}, pair after pair. */
  readonly features: Int8Array;
  /** 1 where the pair is left out of fits (error check not applicable). */
  readonly excluded: Uint8Array;
  /** Group id → the pairs in it, ascending; groups in order of first appearance. */
  readonly groups: ReadonlyMap<string, Uint32Array>;
  /** Judge → 1 (A preferred) or 0 (B) per pair; only judges that labelled every pair. */
  readonly labels: ReadonlyMap<string, Uint8Array>;
  readonly source: DatasetSource;
}

/** What a loader hands the builder for one pair. */
export interface CompactPair {
  /** 29 values in {-1, 0, 1}. */
  readonly features: ArrayLike<number>;
  readonly excluded: boolean;
  /** The pair's scenario first, then its query-specific cases. */
  readonly groups: readonly string[];
  /** Judge → label; a judge missing here is missing for this pair. */
  readonly labels: Readonly<Record<string, PreferenceLabel>>;
}

/** A growable typed array: doubles its storage when full, trimmed by `view()`. */
class Growable<T extends Uint8Array | Int8Array | Uint32Array> {
  length = 0;
  constructor(
    private data: T,
    private readonly make: (size: number) => T,
  ) {}
  push(value: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = value;
  }
  /** Writes `values` at the end. */
  pushAll(values: ArrayLike<number>): void {
    if (this.length + values.length > this.data.length) this.grow(this.length + values.length);
    for (let k = 0; k < values.length; k++) this.data[this.length + k] = values[k]!;
    this.length += values.length;
  }
  /** Sets `index`, growing (zero-filled) to reach it. */
  set(index: number, value: number): void {
    if (index >= this.data.length) this.grow(index + 1);
    this.data[index] = value;
    this.length = Math.max(this.length, index + 1);
  }
  private grow(needed: number): void {
    const next = this.make(Math.max(needed, this.data.length * 2, 1024));
    next.set(this.data);
    this.data = next;
  }
  /** A copy of exactly the used part, so the spare capacity is freed. */
  view(): T {
    return this.data.slice(0, this.length) as T;
  }
}

/** Marks a pair a judge has not labelled while the dataset is being built. */
const NO_LABEL = 2;

/** Collects pairs one at a time into a `CompactDataset`. */
export interface CompactBuilder {
  /** Pairs added so far. */
  readonly size: number;
  add(pair: CompactPair): void;
  /** Adds an annotated pair (its features and groups are computed here; the record is not kept). */
  addPair(pair: PairRecord): void;
  finish(source: DatasetSource): CompactDataset;
}

export function createCompactBuilder(): CompactBuilder {
  const features = new Growable(new Int8Array(0), (n) => new Int8Array(n));
  const excluded = new Growable(new Uint8Array(0), (n) => new Uint8Array(n));
  const groups = new Map<string, Growable<Uint32Array>>();
  const labels = new Map<string, Growable<Uint8Array>>();
  let size = 0;
  const builder: CompactBuilder = {
    get size() {
      return size;
    },
    add(pair) {
      const index = size;
      features.pushAll(pair.features);
      excluded.push(pair.excluded ? 1 : 0);
      for (const group of pair.groups) {
        let members = groups.get(group);
        if (members === undefined) groups.set(group, (members = new Growable(new Uint32Array(0), (n) => new Uint32Array(n))));
        members.push(index);
      }
      for (const judge in pair.labels) {
        let list = labels.get(judge);
        if (list === undefined) {
          // A judge first seen now has no label on the pairs before this one.
          list = new Growable(new Uint8Array(0), (n) => new Uint8Array(n));
          for (let i = 0; i < index; i++) list.set(i, NO_LABEL);
          labels.set(judge, list);
        }
        list.set(index, pair.labels[judge] === "A" ? 1 : 0);
      }
      size += 1;
      for (const list of labels.values()) if (list.length < size) list.set(index, NO_LABEL);
    },
    addPair(pair) {
      builder.add({ ...comparisonFeatures(pair), groups: groupsOf(pair), labels: pair.labels });
    },
    finish(source) {
      const complete = new Map<string, Uint8Array>();
      for (const [judge, list] of labels) {
        const values = list.view();
        // A judge is usable only when every pair carries its label.
        if (values.length === size && !values.includes(NO_LABEL)) complete.set(judge, values);
      }
      return {
        size,
        features: features.view(),
        excluded: excluded.view(),
        groups: new Map([...groups].map(([group, members]) => [group, members.view()])),
        labels: complete,
        source,
      };
    },
  };
  return builder;
}

/** True for the compact form (as opposed to rows of objects). */
export function isCompactDataset(data: unknown): data is CompactDataset {
  return typeof data === "object" && data !== null && (data as CompactDataset).features instanceof Int8Array;
}

/** The compact form of a feature dataset. */
export function compactFeatureDataset(dataset: FeatureDataset): CompactDataset {
  const builder = createCompactBuilder();
  const judges = [...dataset.labels];
  for (const row of dataset.rows) {
    const labels: Record<string, PreferenceLabel> = {};
    for (const [judge, list] of judges) labels[judge] = list[row.index]!;
    builder.add({ features: row.features, excluded: row.excluded, groups: row.groups, labels });
  }
  return builder.finish(dataset.source);
}

const CASE_ORDER = new Map(QUERY_SPECIFIC_CASES.map((group, rank) => [group.id, rank]));

/**
 * The group ids of every pair: its scenario first, then its query-specific cases in catalog
 * order (the order `groupsOf` gives), whatever order the groups were added in.
 */
export function groupListsOf(dataset: CompactDataset): string[][] {
  const lists = Array.from({ length: dataset.size }, () => [] as string[]);
  const ranked = [...dataset.groups.keys()].sort((a, b) => (CASE_ORDER.get(a) ?? -1) - (CASE_ORDER.get(b) ?? -1));
  for (const group of ranked) for (const index of dataset.groups.get(group)!) lists[index]!.push(group);
  return lists;
}

/** Pair `index`'s 29 features as plain numbers. */
export function featuresOf(dataset: CompactDataset, index: number): number[] {
  return Array.from(dataset.features.subarray(index * PROPERTY_COUNT, (index + 1) * PROPERTY_COUNT));
}

/** The feature row of every pair, one object each (for small datasets: the figures, the demo). */
export function expandCompactDataset(dataset: CompactDataset): FeatureDataset {
  const groups = groupListsOf(dataset);
  const rows: FeatureRow[] = groups.map((list, index) => ({ index, groups: list, features: featuresOf(dataset, index), excluded: dataset.excluded[index] === 1 }));
  const labels = new Map<string, PreferenceLabel[]>();
  for (const [judge, values] of dataset.labels) labels.set(judge, Array.from(values, (value) => (value === 1 ? "A" : "B")));
  return { rows, labels, source: dataset.source };
}

/** One judge's labels as the 0/1 array the compact form keeps. */
export function packLabels(labels: readonly PreferenceLabel[]): Uint8Array {
  return Uint8Array.from(labels, (label) => (label === "A" ? 1 : 0));
}
