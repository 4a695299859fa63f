/**
 * Paths of the test fixtures. The Parquet fixture is not stored in git: it is written once per
 * test process from `pairs-8.jsonl` by our own Parquet writer, in the published dataset's layout
 * and marked synthetic (seed 3, the seed that generated the pairs).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parsePairsJsonl, writeHfParquet } from "../src/index.js";

export const fixture = (name: string): string => join(import.meta.dirname, "fixtures", name);

let parquetPath: string | undefined;

/** Path of the 8-pair synthetic Parquet file (the pairs of `pairs-8.jsonl`). */
export function synthetic8Parquet(): string {
  if (parquetPath === undefined) {
    const pairs = parsePairsJsonl(readFileSync(fixture("pairs-8.jsonl"), "utf8"), "pairs-8.jsonl").pairs;
    parquetPath = join(mkdtempSync(join(tmpdir(), "pd-fixture-")), "synthetic-8.parquet");
    writeFileSync(parquetPath, new Uint8Array(writeHfParquet(pairs, { synthetic: true, metadata: { "prefdissect.seed": "3" } })));
  }
  return parquetPath;
}
