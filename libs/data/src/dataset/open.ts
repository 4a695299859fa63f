/**
 * Opening a dataset from a file's name and bytes, anywhere: a browser reading a file the user
 * picked, or Node after reading it from disk. The format is told from the name (and, for JSON
 * Lines, the first line); the file goes through the format's parser and the checks every loader
 * applies before a fit.
 */
import { PrefDissectError, isPrefDissectError } from "@prefdissect/shared";
import { parseGroupIndex, parseLabelsFile } from "../released.js";
import { toFeatureDataset, type DatasetFormat, type FeatureDataset, type PairDataset } from "./dataset.js";
import { checkPublishedGroupSizes, isPublishedSize, publishedHumanTally, recognisePublishedDataset, type HumanLabelTally } from "./group-check.js";
import { readHfParquet } from "./hf-parquet.js";
import { parsePairsCsv, parsePairsJsonl } from "./own-format.js";
import { parseResolvedJsonl } from "./resolved-jsonl.js";

/** The file extensions of dataset files, for messages and file pickers. */
export const DATASET_EXTENSIONS: readonly string[] = [".parquet", ".jsonl", ".ndjson", ".json", ".csv"];

/**
 * The format a file name implies: a format, `json-lines` when only the first line can tell
 * (`jsonLinesFormatOf`), or undefined for an unknown extension.
 */
export function formatFromName(file: string): DatasetFormat | "json-lines" | undefined {
  const extension = /\.[^./\\]+$/.exec(file.toLowerCase())?.[0];
  if (extension === ".parquet") return "hf-parquet";
  if (extension === ".csv") return "pairs-csv";
  if (extension === ".jsonl" || extension === ".json" || extension === ".ndjson") return "json-lines";
  return undefined;
}

/** Our pairs JSONL or the authors' resolved comparisons, told apart by the keys of the first record. */
export function jsonLinesFormatOf(firstLine: string): "resolved-jsonl" | "pairs-jsonl" {
  return /"query_info"\s*:/.test(firstLine) && /"comparison"\s*:/.test(firstLine) ? "resolved-jsonl" : "pairs-jsonl";
}

/** A text file's first line that is not blank ("" when there is none). */
export function firstNonBlankLineOf(text: string): string {
  return text.split("\n").find((line) => line.trim() !== "") ?? "";
}

/**
 * What the paper's dataset is recognised by: its human labels tallied per scenario (from the
 * published group index and labels), or why those could not be read.
 */
export type PublishedReference = HumanLabelTally | { readonly unavailable: string };

/**
 * The checks every loader applies to a dataset before a fit: the paper's dataset, recognised by
 * content, must reproduce the published group sizes; another dataset of its size loads with a
 * note saying so (synthetic data says what it is already).
 */
export function checkFeatureDataset(dataset: FeatureDataset, published: PublishedReference): FeatureDataset {
  if (!isPublishedSize(dataset.rows.length)) return dataset;
  const { file, synthetic } = dataset.source;
  const note = (text: string): FeatureDataset => ({ ...dataset, source: { ...dataset.source, warnings: [...dataset.source.warnings, text] } });
  if ("unavailable" in published) {
    return synthetic ? dataset : note(`cannot tell whether ${file} is the paper's dataset (${published.unavailable}), so its groups are not held to the published sizes`);
  }
  const verdict = recognisePublishedDataset(dataset, published);
  if (verdict.published) {
    checkPublishedGroupSizes(dataset.rows, file);
    return dataset;
  }
  return synthetic ? dataset : note(`${file} has as many pairs as the paper's dataset but is another one (${verdict.reason}), so its groups are not held to the published sizes`);
}

/** A text file given by content, named for messages. */
export interface NamedText {
  readonly text: string;
  readonly file: string;
}

export interface OpenDatasetOptions {
  /** Default: from the file name (and the first line). */
  readonly format?: DatasetFormat;
  /**
   * The authors' group index and human labels files: the resolved comparisons (format b) need
   * them, and they tell the paper's dataset from another of its size.
   */
  readonly groupIndex?: NamedText;
  readonly humanLabels?: NamedText;
}

function publishedReference(options: OpenDatasetOptions): PublishedReference {
  const { groupIndex, humanLabels } = options;
  if (groupIndex === undefined || humanLabels === undefined) return { unavailable: "the group index and human labels files were not given" };
  try {
    return publishedHumanTally(parseGroupIndex(groupIndex.text, groupIndex.file), parseLabelsFile(humanLabels.text, humanLabels.file));
  } catch (error) {
    if (!isPrefDissectError(error)) throw error;
    return { unavailable: error.message };
  }
}

export interface OpenedDataset {
  /** The annotated pairs; absent for the resolved comparisons, which hold features only. */
  readonly pairs?: PairDataset;
  readonly features: FeatureDataset;
}

/** Reads and checks a dataset file of any of the four formats from its bytes. */
export async function openDataset(file: string, bytes: Uint8Array, options: OpenDatasetOptions = {}): Promise<OpenedDataset> {
  const text = () => new TextDecoder().decode(bytes);
  let format = options.format ?? formatFromName(file);
  if (format === undefined) {
    throw new PrefDissectError("unknown-format", `cannot tell the format of ${file} from its name; expected one of ${DATASET_EXTENSIONS.join(", ")}`, {
      file,
      field: "format",
    });
  }
  if (format === "json-lines") format = jsonLinesFormatOf(firstNonBlankLineOf(text()));
  if (format === "resolved-jsonl") {
    const { groupIndex, humanLabels } = options;
    if (groupIndex === undefined || humanLabels === undefined) {
      throw new PrefDissectError("missing-file", `${file} holds resolved comparisons, which need the group index and the human labels files`, { file });
    }
    const features = parseResolvedJsonl(text(), file, {
      groupIndex: parseGroupIndex(groupIndex.text, groupIndex.file),
      labels: new Map([["human", parseLabelsFile(humanLabels.text, humanLabels.file)]]),
      groupIndexFile: groupIndex.file,
    });
    return { features: checkFeatureDataset(features, publishedReference(options)) };
  }
  const pairs =
    format === "hf-parquet" ? await readHfParquet(bytes, file) : format === "pairs-csv" ? parsePairsCsv(text(), file) : parsePairsJsonl(text(), file);
  return { pairs, features: checkFeatureDataset(toFeatureDataset(pairs), publishedReference(options)) };
}
