/**
 * Reading and writing datasets a piece at a time, so that memory does not grow with the file:
 * Parquet by row groups, JSON Lines and CSV by lines (a CSV record may span lines inside quotes).
 * Node-only; exported through `@prefdissect/data/node`.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import { asyncBufferFromFile, type AsyncBuffer } from "hyparquet";
import { ParquetWriter, fileWriter } from "hyparquet-writer";
import { PrefDissectError } from "@prefdissect/shared";
import { PROPERTY_COUNT } from "../catalog/properties.js";
import { cannotRead, replaceAtomically } from "../node/files.js";
import { groupListsOf, type CompactDataset } from "./compact.js";
import { parseCsv } from "./csv.js";
import { HF_ROW_GROUP_SIZES, hfColumnData, hfParquetKeyValues, openHfParquet, type HfParquetPairs, type ReadHfParquetOptions, type WriteHfParquetOptions } from "./hf-parquet.js";
import { hfParquetSchema } from "./hf-schema.js";
import { createIdCheck, createPairCsvReader, pairFromJson } from "./own-format.js";
import type { PairRecord } from "./types.js";

/** The lines of a text file (split at "\n", numbered from 1), read in chunks. */
export async function* textLines(file: string): AsyncGenerator<{ line: number; text: string }, void, undefined> {
  let pending = "";
  let line = 0;
  try {
    for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 })) {
      const pieces = (pending + (chunk as string)).split("\n");
      pending = pieces.pop()!;
      for (const text of pieces) yield { line: ++line, text };
    }
  } catch (error) {
    throw cannotRead(file, error);
  }
  if (pending !== "") yield { line: ++line, text: pending };
}

/** Opens a Parquet dataset file for reading by row groups. */
export async function openHfParquetFile(file: string, options: ReadHfParquetOptions = {}): Promise<HfParquetPairs> {
  let buffer: AsyncBuffer;
  try {
    buffer = await asyncBufferFromFile(file);
  } catch (error) {
    throw cannotRead(file, error);
  }
  return openHfParquet(buffer, file, options);
}

/** The pairs of our JSON Lines format, one line at a time; ids must be unique. */
export async function* pairsJsonlFile(file: string): AsyncGenerator<PairRecord, void, undefined> {
  const checkId = createIdCheck(file);
  for await (const { line, text } of textLines(file)) {
    if (text.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new PrefDissectError("malformed-line", `${file}:${line} is not valid JSON`, { file, line });
    }
    const pair = pairFromJson(value, file, line);
    checkId(pair.id, line);
    yield pair;
  }
}

/** The pairs of our CSV format, one record at a time; ids must be unique. */
export async function* pairsCsvFile(file: string): AsyncGenerator<PairRecord, void, undefined> {
  const checkId = createIdCheck(file);
  let readRecord: ReturnType<typeof createPairCsvReader> | undefined;
  let record = "";
  let recordLine = 1;
  let quotes = 0;
  const complete = function* (): Generator<PairRecord> {
    for (const parsed of parseCsv(record, file, recordLine)) {
      if (readRecord === undefined) {
        readRecord = createPairCsvReader(parsed.cells, file);
        continue;
      }
      const pair = readRecord(parsed);
      checkId(pair.id, parsed.line);
      yield pair;
    }
  };
  for await (const { line, text } of textLines(file)) {
    if (record === "" && quotes === 0) recordLine = line;
    record = record === "" && quotes === 0 ? text : `${record}\n${text}`;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 34) quotes++;
    // An odd number of quotes so far means a quoted cell goes on to the next line.
    if (quotes % 2 === 1) continue;
    yield* complete();
    record = "";
    quotes = 0;
  }
  if (record !== "") yield* complete();
  if (readRecord === undefined) throw new PrefDissectError("malformed-file", `${file} is empty; expected a header line`, { file });
}

/**
 * Writes pairs in the dataset's Parquet layout row group by row group (`HF_ROW_GROUP_SIZES`, so
 * the file is byte for byte the one `writeHfParquet` makes): only one row group of pairs is held
 * at a time. Returns the rows and bytes written.
 */
export async function writeHfParquetFile(path: string, pairs: Iterable<PairRecord>, options: WriteHfParquetOptions = {}): Promise<{ rows: number; bytes: number }> {
  let rows = 0;
  let bytes = 0;
  await replaceAtomically(path, async (temporary) => {
    const writer = fileWriter(temporary);
    const parquet = new ParquetWriter({
      writer,
      // hyparquet-writer bundles its own copy of the hyparquet types; the elements are the same.
      schema: hfParquetSchema() as unknown as ConstructorParameters<typeof ParquetWriter>[0]["schema"],
      kvMetadata: hfParquetKeyValues(options),
      createdBy: "prefdissect",
    });
    let batch: PairRecord[] = [];
    let group = 0;
    const flush = async () => {
      await parquet.write({ columnData: hfColumnData(batch), rowGroupSize: batch.length });
      rows += batch.length;
      batch = [];
      group++;
    };
    for (const pair of pairs) {
      batch.push(pair);
      if (batch.length === HF_ROW_GROUP_SIZES[Math.min(group, HF_ROW_GROUP_SIZES.length - 1)]) await flush();
    }
    if (batch.length > 0) await flush();
    await parquet.finish();
    bytes = writer.offset;
  });
  return { rows, bytes };
}

/**
 * Writes the features file of a dataset (`FEATURES_FILE` lines, the same text as
 * `formatFeatureRows`) through a stream, a block of lines at a time.
 */
export async function writeFeatureRowsFile(path: string, dataset: CompactDataset): Promise<void> {
  const groups = groupListsOf(dataset);
  await replaceAtomically(path, async (temporary) => {
    const out = createWriteStream(temporary);
    const failed = new Promise<never>((_, reject) => out.once("error", reject));
    failed.catch(() => undefined);
    const block: string[] = [];
    for (let index = 0; index < dataset.size; index++) {
      const features = Array.from(dataset.features.subarray(index * PROPERTY_COUNT, (index + 1) * PROPERTY_COUNT));
      block.push(`${JSON.stringify({ index, groups: groups[index], features, excluded: dataset.excluded[index] === 1 })}\n`);
      if (block.length === 10_000 || index === dataset.size - 1) {
        if (!out.write(block.join(""))) await Promise.race([once(out, "drain"), failed]);
        block.length = 0;
      }
    }
    out.end();
    await Promise.race([once(out, "finish"), failed]);
  });
}
