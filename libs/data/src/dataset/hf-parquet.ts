/**
 * Reading and writing the Hugging Face dataset's Parquet layout. Pure over bytes (hyparquet runs
 * in browsers too); the Node entry adds files and downloads.
 */
import { parquetMetadata, parquetReadObjects, parquetSchema } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import { parquetWriteBuffer } from "hyparquet-writer";
import { PrefDissectError } from "@prefdissect/shared";
import { SCENARIO_IDS } from "../catalog/groups.js";
import { createWarningLog, type PairDataset } from "./dataset.js";
import { HF_COLUMNS, columnTypeOf, compareHfSchema, hfParquetSchema } from "./hf-schema.js";
import { hfRowToPair, pairToHfRow } from "./hf-rows.js";
import type { PairRecord } from "./types.js";

/** Key-value metadata entry that marks data made by `pd synth`. */
export const SYNTHETIC_METADATA_KEY = "prefdissect.synthetic";

export interface ReadHfParquetOptions {
  /** Accepted scenario groups (default: the paper's 11). */
  readonly scenarios?: readonly string[];
}

function toArrayBuffer(bytes: ArrayBuffer | Uint8Array): ArrayBuffer {
  if (bytes instanceof ArrayBuffer) return bytes;
  // A file read whole already owns its buffer; copying it would double the dataset in memory.
  if (bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes.buffer;
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/**
 * Reads a Parquet file in the `GAIR/preference-dissection` layout. The columns are checked
 * first (all fatal differences are listed in one message), then every row; nothing is returned
 * unless every row is valid.
 */
export async function readHfParquet(
  bytes: ArrayBuffer | Uint8Array,
  file: string,
  options: ReadHfParquetOptions = {},
): Promise<PairDataset> {
  const buffer = toArrayBuffer(bytes);
  let metadata: ReturnType<typeof parquetMetadata>;
  try {
    metadata = parquetMetadata(buffer);
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
  const columns = HF_COLUMNS.map((column) => column.name);
  const rows = (await parquetReadObjects({ file: buffer, metadata, compressors, columns })) as Record<string, unknown>[];
  const warnings = createWarningLog();
  const scenarios = options.scenarios ?? SCENARIO_IDS;
  const pairs = rows.map((row, index) => hfRowToPair(row, index, file, warnings, scenarios));
  return {
    pairs,
    source: {
      format: "hf-parquet",
      file,
      rows: pairs.length,
      synthetic: keyValues[SYNTHETIC_METADATA_KEY] === "true",
      schemaDifferences: comparison.differences,
      warnings: warnings.list(),
      metadata: keyValues,
    },
  };
}

export interface WriteHfParquetOptions {
  /** Marks the file as synthetic (written as key-value metadata). */
  readonly synthetic?: boolean;
  /** Further key-value metadata, e.g. the seed and weights a synthetic file was drawn from. */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** Writes pairs in the `GAIR/preference-dissection` Parquet layout (SNAPPY-compressed). */
export function writeHfParquet(pairs: readonly PairRecord[], options: WriteHfParquetOptions = {}): ArrayBuffer {
  const rows = pairs.map((pair) => pairToHfRow(pair));
  const kvMetadata = Object.entries({
    ...(options.synthetic ? { [SYNTHETIC_METADATA_KEY]: "true" } : {}),
    ...options.metadata,
  }).map(([key, value]) => ({ key, value }));
  return parquetWriteBuffer({
    columnData: HF_COLUMNS.map((column) => ({ name: column.name, data: rows.map((row) => row[column.name]) })),
    // hyparquet-writer bundles its own copy of the hyparquet types; the elements are the same.
    schema: hfParquetSchema() as unknown as NonNullable<Parameters<typeof parquetWriteBuffer>[0]["schema"]>,
    kvMetadata,
    createdBy: "prefdissect",
  });
}
