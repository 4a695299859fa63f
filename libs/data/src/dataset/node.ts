/**
 * Node-side dataset loading: files on disk, the gated Hugging Face download, and atomic writes.
 * Exported through `@prefdissect/data/node`.
 */
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { PrefDissectError, isPrefDissectError } from "@prefdissect/shared";
import { fetchArtifacts, readArtifactText, type ArtifactOptions } from "../node/artifacts.js";
import { cannotRead, readTextFile } from "../node/files.js";
import { readLabelsFile } from "../node/released-files.js";
import { parseGroupIndex, parseLabelsFile } from "../released.js";
import { compactFeatureDataset, createCompactBuilder, expandCompactDataset, packLabels, type CompactDataset } from "./compact.js";
import type { DatasetFormat, DatasetSource, FeatureDataset, PairDataset } from "./dataset.js";
import { checkGroupIndex, isPublishedSize, publishedHumanTally } from "./group-check.js";
import { readHfParquet } from "./hf-parquet.js";
import { withJudgeLabels } from "./labels.js";
import { checkFeatureDataset, formatFromName, jsonLinesFormatOf, type PublishedReference } from "./open.js";
import { parsePairsCsv, parsePairsJsonl } from "./own-format.js";
import { parseResolvedJsonl } from "./resolved-jsonl.js";
import { openHfParquetFile, pairsCsvFile, pairsJsonlFile } from "./stream.js";
import type { PairRecord, PreferenceLabel } from "./types.js";

/** The dataset page where the gated dataset's terms are accepted. */
export const HF_DATASET_PAGE = "https://huggingface.co/datasets/GAIR/preference-dissection";

/** `--data` value that stands for the Hugging Face dataset. */
export const HF_DATA = "hf";

/**
 * `--data` value that stands for the authors' resolved-comparisons JSONL in their repository
 * (large, so fetched on demand through the manifest and never committed).
 */
export const RESOLVED_DATA = "resolved";

/** A labels file (format c) for one judge. */
export interface JudgeLabelsFile {
  readonly judge: string;
  readonly file: string;
}

export interface LoadDatasetOptions extends ArtifactOptions {
  /** A file path, or `hf` for the Hugging Face dataset (downloaded on demand). */
  readonly data: string;
  /** Format of `data`; default: from the extension (and, for .jsonl, the first line). */
  readonly format?: DatasetFormat;
  /** Extra labels files, one per judge, applied in dataset order. */
  readonly labels?: readonly JudgeLabelsFile[];
  /** Group index file (`query_aware_idxs.json`); required by format b (default: the fetched one). */
  readonly groupIndexFile?: string;
}



/**
 * The first non-blank line of a text file (or ""), read without loading the rest: the file is
 * read in full again by its parser, and the authors' resolved JSONL is large.
 */
async function firstNonBlankLine(file: string): Promise<string> {
  let pending = "";
  try {
    for await (const chunk of createReadStream(file, { encoding: "utf8" })) {
      const lines = (pending + (chunk as string)).split("\n");
      pending = lines.pop()!;
      const found = lines.find((line) => line.trim() !== "");
      if (found !== undefined) return found;
    }
  } catch (error) {
    throw cannotRead(file, error);
  }
  return pending.trim() === "" ? "" : pending;
}

/** Works out the format of a dataset file from its extension and, for JSON Lines, its first line. */
export async function detectFormat(file: string): Promise<DatasetFormat> {
  const byName = formatFromName(file);
  if (byName === "json-lines") return jsonLinesFormatOf(await firstNonBlankLine(file));
  if (byName !== undefined) return byName;
  throw new PrefDissectError(
    "unknown-format",
    `cannot tell the format of ${file} from its extension; pass --format (hf-parquet, resolved-jsonl, pairs-jsonl or pairs-csv)`,
    { file, field: "format" },
  );
}

/**
 * Downloads (if needed) and reads the gated Hugging Face dataset. Uses `HF_TOKEN`; a missing
 * token or a refused download says to accept the terms on the dataset page.
 */
export async function loadHfDataset(options: ArtifactOptions = {}): Promise<PairDataset> {
  const path = await downloadHfDataset(options);
  return readHfParquet(await readFile(path), path);
}

/** The local path of the gated Hugging Face dataset, downloaded when missing. */
async function downloadHfDataset(options: ArtifactOptions): Promise<string> {
  const token = process.env.HF_TOKEN;
  try {
    const [path] = (await fetchArtifacts(["hf-parquet"], {
      ...options,
      headers: { ...options.headers, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    })) as [string];
    return path;
  } catch (error) {
    if (isPrefDissectError(error) && (error.code === "auth-missing" || error.code === "auth-refused")) {
      const reason = error.code === "auth-missing" ? "HF_TOKEN is not set" : `the download was refused (${error.message.match(/answered (\d+)/)?.[1] ?? "401/403"})`;
      throw new PrefDissectError(
        error.code,
        `GAIR/preference-dissection is gated and ${reason}: accept the terms on ${HF_DATASET_PAGE} with your account, then set HF_TOKEN to a token with read access (https://huggingface.co/settings/tokens)`,
        error.place,
        { cause: error },
      );
    }
    throw error;
  }
}

/** Reads annotated pairs (formats a and d): `hf`, a Parquet file, our JSONL or our CSV. */
export async function loadPairDataset(options: LoadDatasetOptions): Promise<PairDataset> {
  let data: PairDataset;
  if (options.data === HF_DATA) data = await loadHfDataset(options);
  else {
    const format = options.format ?? (await detectFormat(options.data));
    switch (format) {
      case "hf-parquet": {
        let bytes: Uint8Array;
        try {
          bytes = await readFile(options.data);
        } catch (error) {
          throw new PrefDissectError("missing-file", `cannot read ${options.data} (${(error as NodeJS.ErrnoException).code ?? "error"})`, { file: options.data });
        }
        data = await readHfParquet(bytes, options.data);
        break;
      }
      case "pairs-jsonl":
        data = parsePairsJsonl(await readTextFile(options.data), options.data);
        break;
      case "pairs-csv":
        data = parsePairsCsv(await readTextFile(options.data), options.data);
        break;
      case "resolved-jsonl":
        throw new PrefDissectError(
          "wrong-format",
          `${options.data} holds resolved comparisons (features, not per-response annotations); load it with loadFeatureDataset`,
          { file: options.data },
        );
    }
  }
  for (const { judge, file } of options.labels ?? []) {
    data = withJudgeLabels(data, judge, await readLabelsFile(file, data.pairs.length), file);
  }
  return data;
}


/**
 * Reads the authors' resolved comparisons (format b) with the group index and the human labels
 * (both fetched when not given) plus any further labels files.
 */
export async function loadResolvedDataset(options: LoadDatasetOptions): Promise<FeatureDataset> {
  const indexText = options.groupIndexFile ? await readTextFile(options.groupIndexFile) : await readArtifactText("group-index", options);
  const indexFile = options.groupIndexFile ?? "query_aware_idxs.json";
  const groupIndex = parseGroupIndex(indexText, indexFile);
  const text = await readTextFile(options.data);
  const labels = new Map<string, PreferenceLabel[]>();
  const labelFiles = options.labels ?? [];
  if (!labelFiles.some((entry) => entry.judge === "human")) {
    labels.set("human", parseLabelsFile(await readArtifactText("labels-human", options), "example_preference_labels.json"));
  }
  for (const { judge, file } of labelFiles) labels.set(judge, await readLabelsFile(file));
  return parseResolvedJsonl(text, options.data, { groupIndex, labels, groupIndexFile: indexFile });
}

/**
 * Holds the paper's dataset to the published group sizes. Only a dataset of the published size
 * can be the paper's; its content decides (group-check.ts): another dataset of that size loads
 * with a note saying why it is not the paper's. The published files are small and fetched once.
 */
async function checkIfPublished(dataset: FeatureDataset, options: ArtifactOptions): Promise<FeatureDataset> {
  if (!isPublishedSize(dataset.rows.length)) return dataset;
  let published: PublishedReference;
  try {
    const index = parseGroupIndex(await readArtifactText("group-index", options), "query_aware_idxs.json");
    published = publishedHumanTally(index, parseLabelsFile(await readArtifactText("labels-human", options), "example_preference_labels.json"));
  } catch (error) {
    if (!isPrefDissectError(error)) throw error;
    published = { unavailable: error.message };
  }
  return checkFeatureDataset(dataset, published);
}

export interface LoadCompactOptions extends LoadDatasetOptions {
  /** Called as pairs are read: pairs so far, and the total when the file says it (Parquet). */
  readonly onPairs?: (read: number, total: number | undefined) => void;
}

/** Every pair of a file of annotated pairs (formats a and d), read a piece at a time. */
async function* pairsOf(
  data: string,
  format: "hf-parquet" | "pairs-jsonl" | "pairs-csv",
  parquet: (source: () => DatasetSource, rows: number) => void,
  options: ArtifactOptions,
): AsyncGenerator<PairRecord, void, undefined> {
  if (format === "hf-parquet") {
    const path = data === HF_DATA ? await downloadHfDataset(options) : data;
    const opened = await openHfParquetFile(path, { texts: false });
    parquet(opened.source, opened.rows);
    for await (const batch of opened.batches()) yield* batch;
  } else if (format === "pairs-jsonl") yield* pairsJsonlFile(data);
  else yield* pairsCsvFile(data);
}

/**
 * Any of the four formats in the compact, columnar form, read without holding the file's pairs as
 * objects (Parquet row group by row group, JSONL and CSV line by line); texts are not kept. The
 * same checks as `loadFeatureDataset` apply.
 */
export async function loadCompactDataset(options: LoadCompactOptions): Promise<CompactDataset> {
  if (options.data === RESOLVED_DATA) {
    const [path] = await fetchArtifacts(["resolved-jsonl"], options);
    return loadCompactDataset({ ...options, data: path!, format: "resolved-jsonl" });
  }
  const format = options.data === HF_DATA ? "hf-parquet" : (options.format ?? (await detectFormat(options.data)));
  let dataset: CompactDataset;
  if (format === "resolved-jsonl") dataset = compactFeatureDataset(await loadResolvedDataset(options));
  else {
    let parquetSource: (() => DatasetSource) | undefined;
    let total: number | undefined;
    const builder = createCompactBuilder();
    for await (const pair of pairsOf(options.data, format, (source, rows) => ((parquetSource = source), (total = rows)), options)) {
      builder.addPair(pair);
      if (builder.size % 10_000 === 0) options.onPairs?.(builder.size, total);
    }
    options.onPairs?.(builder.size, total);
    const source: DatasetSource = parquetSource?.() ?? { format, file: options.data, rows: builder.size, synthetic: false, schemaDifferences: [], warnings: [] };
    dataset = builder.finish(source);
    const labels = new Map(dataset.labels);
    for (const { judge, file } of options.labels ?? []) {
      const list = await readLabelsFile(file, dataset.size);
      if (list.length !== dataset.size) {
        throw new PrefDissectError("length-mismatch", `${file} holds ${list.length} labels but ${source.file} has ${dataset.size} pairs`, { file });
      }
      labels.set(judge, packLabels(list));
    }
    dataset = { ...dataset, labels };
  }
  // The published-size checks and the group-index comparison read rows; they only apply to
  // datasets of the paper's size or to those given a group index, which are small.
  const indexFile = format === "resolved-jsonl" ? undefined : options.groupIndexFile;
  if (!isPublishedSize(dataset.size) && indexFile === undefined) return dataset;
  const checked = await checkIfPublished(expandCompactDataset(dataset), options);
  if (indexFile !== undefined) {
    checkGroupIndex(checked.rows, parseGroupIndex(await readTextFile(indexFile), indexFile), dataset.source.file, indexFile);
  }
  return checked.source === dataset.source ? dataset : { ...dataset, source: checked.source };
}

/**
 * Any of the four formats as feature rows with labels, ready for the regression: the rows of
 * `loadCompactDataset`, one object per pair (for datasets small enough to hold that way).
 */
export async function loadFeatureDataset(options: LoadDatasetOptions): Promise<FeatureDataset> {
  return expandCompactDataset(await loadCompactDataset(options));
}
export * from "./stream.js";
