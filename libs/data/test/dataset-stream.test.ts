import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parquetMetadata } from "hyparquet";
import { describe, expect, it } from "vitest";
import { asyncFailure } from "./failure.js";
import { testWeights } from "./dataset-helpers.js";
import { fixture } from "./fixture-files.js";
import {
  expandCompactDataset,
  formatFeatureRows,
  formatPairsCsv,
  generatePairs,
  parsePairsCsv,
  parsePairsJsonl,
  readHfParquet,
  synthesizePairs,
  writeHfParquet,
  type PairRecord,
} from "../src/index.js";
import { loadCompactDataset, openHfParquetFile, pairsCsvFile, pairsJsonlFile, writeFeatureRowsFile, writeHfParquetFile } from "../src/node.js";

const temp = () => mkdtempSync(join(tmpdir(), "pd-stream-"));

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const options = { weights: testWeights(), seed: 7, pairs: 2500, judges: ["human", "gpt-4-1106-preview"] };
const pairs = synthesizePairs(options);

describe("Parquet, row group by row group", () => {
  const dir = temp();
  const path = join(dir, "synthetic.parquet");
  const written = writeHfParquetFile(path, generatePairs(options), { synthetic: true, metadata: { "prefdissect.seed": "7" } });

  it("writes pairs as they are drawn, byte for byte the file written whole", async () => {
    expect(await written).toEqual({ rows: 2500, bytes: readFileSync(path).byteLength });
    const whole = new Uint8Array(writeHfParquet(pairs, { synthetic: true, metadata: { "prefdissect.seed": "7" } }));
    expect(Buffer.compare(readFileSync(path), whole)).toBe(0);
  });

  it("reads one row group at a time, the same pairs as the whole-file reader", async () => {
    await written;
    const opened = await openHfParquetFile(path);
    expect([opened.rows, opened.rowGroups]).toEqual([2500, 2]);
    const batches = await collect(opened.batches());
    expect(batches.map((batch) => batch.length)).toEqual([1000, 1500]);
    expect(batches.flat()).toEqual((await readHfParquet(readFileSync(path), path)).pairs);
    expect(opened.source()).toMatchObject({ rows: 2500, synthetic: true, format: "hf-parquet" });
  });

  it("names the row group that is corrupt, in one line", async () => {
    await written;
    const bytes = new Uint8Array(readFileSync(path));
    const metadata = parquetMetadata(bytes.buffer);
    // Overwrite the start of row group 1's scenario column (its page header) with garbage.
    const chunk = metadata.row_groups[1]!.columns.find((column) => column.meta_data!.path_in_schema.join(".") === "scenario_group")!.meta_data!;
    const start = Number(chunk.dictionary_page_offset ?? chunk.data_page_offset);
    bytes.fill(0xff, start, start + 64);
    const corrupt = join(dir, "corrupt.parquet");
    writeFileSync(corrupt, bytes);
    const error = await asyncFailure(() => loadCompactDataset({ data: corrupt }));
    expect(error.code).toBe("malformed-file");
    expect(error.message).toMatch(/^.*corrupt\.parquet: row group 1 of 2 \(rows 1000–2499\) cannot be read \(.+\); the file is truncated or corrupt$/);
    expect(error.message).not.toContain("\n");
  });

  it("names the row group that was cut short", async () => {
    await written;
    const bytes = new Uint8Array(readFileSync(path));
    const metadata = parquetMetadata(bytes.buffer);
    // Drop the last part of row group 1's data but keep the footer: the file ends early where
    // the metadata says the row group's columns are.
    const group = metadata.row_groups[1]!;
    const first = Number(group.columns[0]!.meta_data!.dictionary_page_offset ?? group.columns[0]!.meta_data!.data_page_offset);
    const cut = first + Math.floor(Number(group.total_compressed_size) / 2);
    const footerLength = new DataView(bytes.buffer).getUint32(bytes.byteLength - 8, true) + 8;
    const truncated = join(dir, "truncated.parquet");
    writeFileSync(truncated, Buffer.concat([bytes.subarray(0, cut), bytes.subarray(bytes.byteLength - footerLength)]));
    const error = await asyncFailure(() => loadCompactDataset({ data: truncated }));
    expect(error.message).toMatch(/truncated\.parquet: row group 1 of 2 \(rows 1000–2499\) cannot be read/);
    expect(error.message).not.toContain("\n");
  });
});

describe("JSON Lines and CSV, line by line", () => {
  it("reads the JSONL fixture pair by pair, as the whole-text parser does", async () => {
    const text = readFileSync(fixture("pairs-8.jsonl"), "utf8");
    expect(await collect(pairsJsonlFile(fixture("pairs-8.jsonl")))).toEqual(parsePairsJsonl(text, "pairs-8.jsonl").pairs);
  });

  it("reads CSV records that span lines, and names the right line in errors", async () => {
    const dir = temp();
    // Quoted cells with line breaks make records longer than one line.
    const multiline: PairRecord[] = pairs.slice(0, 6).map((pair, i) => ({ ...pair, query: `line one of ${i}\nline "two"\n\nline four` }));
    const text = formatPairsCsv(multiline);
    const path = join(dir, "pairs.csv");
    writeFileSync(path, text);
    expect(await collect(pairsCsvFile(path))).toEqual(parsePairsCsv(text, path).pairs);

    const broken = text.replace(/,true,/, ",maybe,");
    writeFileSync(path, broken);
    const whole = (() => {
      try {
        parsePairsCsv(broken, path);
      } catch (error) {
        return (error as Error).message;
      }
      return "";
    })();
    expect(whole).toMatch(/pairs\.csv:2: column/);
    expect((await asyncFailure(() => collect(pairsCsvFile(path)))).message).toBe(whole);
    const late = text.split("\n");
    // The last record's cells after the query are on its fourth line (the file ends in a newline).
    const lastRecordLine = late.length - 2;
    late[lastRecordLine] = late[lastRecordLine]!.replace(/,true,/, ",maybe,");
    writeFileSync(path, late.join("\n"));
    expect((await asyncFailure(() => collect(pairsCsvFile(path)))).message).toMatch(new RegExp(`pairs\\.csv:${lastRecordLine + 1 - 3}: column`));
  });

  it("fails on a repeated id with both lines named, and on a line that is not JSON", async () => {
    const dir = temp();
    const path = join(dir, "twice.jsonl");
    writeFileSync(path, `${JSON.stringify(pairs[0])}\n\n${JSON.stringify(pairs[0])}\n`);
    expect((await asyncFailure(() => collect(pairsJsonlFile(path)))).message).toBe(`${path}:3: id "0" was already used on line 1`);
    writeFileSync(path, `${JSON.stringify(pairs[0])}\n\n{"id": \n`);
    expect((await asyncFailure(() => collect(pairsJsonlFile(path)))).message).toBe(`${path}:3 is not valid JSON`);
  });
});

describe("the features file", () => {
  it("is streamed with the same text as the whole-file formatter", async () => {
    const dir = temp();
    const data = join(dir, "pairs.parquet");
    await writeHfParquetFile(data, pairs);
    const compact = await loadCompactDataset({ data });
    const out = join(dir, "features.jsonl");
    await writeFeatureRowsFile(out, compact);
    expect(readFileSync(out, "utf8")).toBe(formatFeatureRows(expandCompactDataset(compact).rows));
  });
});
