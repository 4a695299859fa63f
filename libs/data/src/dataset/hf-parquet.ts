/**
 * Reading and writing the Hugging Face dataset's Parquet layout. Pure over bytes (hyparquet runs
 * in browsers too); the Node entry adds files and downloads.
 */
import { parquetMetadataAsync, parquetReadObjects, parquetSchema, type AsyncBuffer, type FileMetaData } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import { parquetWriteBuffer } from "hyparquet-writer";
import { PrefDissectError } from "@prefdissect/shared";
import { SCENARIO_IDS } from "../catalog/groups.js";
import { createWarningLog, type DatasetSource, type PairDataset } from "./dataset.js";
import { HF_COLUMNS, columnTypeOf, compareHfSchema, hfParquetSchema } from "./hf-schema.js";
import { hfRowToPair, pairToHfRow } from "./hf-rows.js";
import type { PairRecord } from "./types.js";

/** Key-value metadata entry that marks data made by `pd synth`. */
export const SYNTHETIC_METADATA_KEY = "prefdissect.synthetic";

export interface ReadHfParquetOptions {
  /** Accepted scenario groups (default: the paper's 11). */
  readonly scenarios?: readonly string[];
  /**
   * False to leave out the columns only people read (the query and the reference answer); the
   * pairs then carry an empty query. Default true.
   */
  readonly texts?: boolean;
}

function toArrayBuffer(bytes: ArrayBuffer | Uint8Array): ArrayBuffer {
  if (bytes instanceof ArrayBuffer) return bytes;
  // A file read whole already owns its buffer; copying it would double the dataset in memory.
  if (bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes.buffer;
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** Columns a feature computation never reads. */
const TEXT_ONLY_COLUMNS = new Set(["query", "gpt-4-turbo_reference"]);

/** An opened Parquet file in the dataset layout, read one row group at a time. */
export interface HfParquetPairs {
  /** Rows in the file (from its metadata). */
  readonly rows: number;
  readonly rowGroups: number;
  /** The pairs of each row group in turn; every row is checked as it is read. */
  batches(): AsyncGenerator<PairRecord[], void, undefined>;
  /** What is known of the file once every batch has been read (warnings included). */
  source(): DatasetSource;
}

/**
 * Opens a Parquet file in the `GAIR/preference-dissection` layout: the columns are checked first
 * (all fatal differences in one message), then the rows, row group by row group, so that only one
 * row group is ever decoded into objects. A row group that cannot be decoded is named in the error.
 */
export async function openHfParquet(buffer: AsyncBuffer, file: string, options: ReadHfParquetOptions = {}): Promise<HfParquetPairs> {
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch (error) {
    throw new PrefDissectError("malformed-file", `${file} is not a readable Parquet file (${(error as Error).message})`, { file }, { cause: error });
  }
  const tree = parquetSchema(metadata);
  const comparison = compareHfSchema(tree.children.map((child) => ({ name: child.element.name, type: columnTypeOf(child) })));
  if (comparison.errors.length > 0) {
    throw new PrefDissectError(
      "schema-mismatch",
      `${file} does not match the GAIR/preference-dissection schema: ${comparison.errors.map((error) => error.message).join("; ")}`,
      { file, field: comparison.errors[0]!.column },
    );
  }
  const keyValues = Object.fromEntries((metadata.key_value_metadata ?? []).map((entry) => [entry.key, entry.value ?? ""]));
  const texts = options.texts ?? true;
  const columns = HF_COLUMNS.map((column) => column.name).filter((name) => texts || !TEXT_ONLY_COLUMNS.has(name));
  const warnings = createWarningLog();
  const scenarios = options.scenarios ?? SCENARIO_IDS;
  const rows = Number(metadata.num_rows);
  let read = 0;
  return {
    rows,
    rowGroups: metadata.row_groups.length,
    async *batches() {
      let rowStart = 0;
      for (const [group, rowGroup] of metadata.row_groups.entries()) {
        const rowEnd = rowStart + Number(rowGroup.num_rows);
        const broken = (reason: string, cause?: unknown) =>
          new PrefDissectError(
            "malformed-file",
            `${file}: row group ${group} of ${metadata.row_groups.length} (rows ${rowStart}–${rowEnd - 1}) cannot be read (${reason}); the file is truncated or corrupt`,
            { file, row: rowStart },
            cause === undefined ? undefined : { cause },
          );
        let values: Record<string, unknown>[];
        try {
          values = (await parquetReadObjects({ file: buffer, metadata, compressors, columns, rowStart, rowEnd })) as Record<string, unknown>[];
        } catch (error) {
          throw broken((error as Error).message, error);
        }
        if (values.length !== rowEnd - rowStart) throw broken(`${values.length} rows decoded, ${rowEnd - rowStart} expected`);
        yield values.map((value, offset) => hfRowToPair(texts ? value : { query: "", ...value }, rowStart + offset, file, warnings, scenarios));
        read = rowEnd;
        rowStart = rowEnd;
      }
    },
    source: () => ({
      format: "hf-parquet",
      file,
      rows: read,
      synthetic: keyValues[SYNTHETIC_METADATA_KEY] === "true",
      schemaDifferences: comparison.differences,
      warnings: warnings.list(),
      metadata: keyValues,
    }),
  };
}

/** An in-memory file as hyparquet reads it. */
function memoryBuffer(buffer: ArrayBuffer): AsyncBuffer {
  return { byteLength: buffer.byteLength, slice: (start, end) => buffer.slice(start, end) };
}

/**
 * Reads a Parquet file in the `GAIR/preference-dissection` layout whole; nothing is returned
 * unless every row is valid.
 */
export async function readHfParquet(
  bytes: ArrayBuffer | Uint8Array,
  file: string,
  options: ReadHfParquetOptions = {},
): Promise<PairDataset> {
  const opened = await openHfParquet(memoryBuffer(toArrayBuffer(bytes)), file, options);
  const pairs: PairRecord[] = [];
  for await (const batch of opened.batches()) for (const pair of batch) pairs.push(pair);
  return { pairs, source: opened.source() };
}

export interface WriteHfParquetOptions {
  /** Marks the file as synthetic (written as key-value metadata). */
  readonly synthetic?: boolean;
  /** Further key-value metadata, e.g. the seed and weights a synthetic file was drawn from. */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** The key-value metadata a written file carries. */
export function hfParquetKeyValues(options: WriteHfParquetOptions): { key: string; value: string }[] {
  return Object.entries({
    ...(options.synthetic ? { [SYNTHETIC_METADATA_KEY]: "true" } : {}),
    ...options.metadata,
  }).map(([key, value]) => ({ key, value }));
}

/** The column data of a run of pairs, as hyparquet-writer takes it. */
export function hfColumnData(pairs: readonly PairRecord[]): { name: string; data: unknown[] }[] {
  const rows = pairs.map((pair) => pairToHfRow(pair));
  return HF_COLUMNS.map((column) => ({ name: column.name, data: rows.map((row) => row[column.name]) }));
}

/**
 * Rows per row group of the files we write: a small first group, then 5,000 rows. A reader holds
 * one row group as objects at a time, and decoding a group costs far more than its rows (the text
 * and annotation columns are assembled as objects): 20,000-row groups took `pd features` to 2.5 GB
 * at 209,600 pairs, small groups keep it near 0.5 GB whatever the size of the file.
 */
export const HF_ROW_GROUP_SIZES: readonly number[] = [1000, 5_000];

/** Writes pairs in the `GAIR/preference-dissection` Parquet layout (SNAPPY-compressed). */
export function writeHfParquet(pairs: readonly PairRecord[], options: WriteHfParquetOptions = {}): ArrayBuffer {
  return parquetWriteBuffer({
    columnData: hfColumnData(pairs),
    // hyparquet-writer bundles its own copy of the hyparquet types; the elements are the same.
    schema: hfParquetSchema() as unknown as NonNullable<Parameters<typeof parquetWriteBuffer>[0]["schema"]>,
    kvMetadata: hfParquetKeyValues(options),
    createdBy: "prefdissect",
    rowGroupSize: [...HF_ROW_GROUP_SIZES],
  });
}
