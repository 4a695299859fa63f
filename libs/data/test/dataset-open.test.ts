import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatFromName, jsonLinesFormatOf, openDataset, publishedHumanTally, synthesizePairs, toFeatureDataset, checkFeatureDataset, type PairRecord } from "../src/index.js";
import { loadFeatureDataset } from "../src/node.js";
import { asyncFailure, failure } from "./failure.js";
import { fixture, synthetic8Parquet } from "./fixture-files.js";

const bytesOf = (path: string) => new Uint8Array(readFileSync(path));
const textOf = (name: string) => ({ text: readFileSync(fixture(name), "utf8"), file: name });

describe("formatFromName() and jsonLinesFormatOf()", () => {
  it("tell the format from the extension and, for JSON Lines, the first record", () => {
    expect(formatFromName("dir/DATA.Parquet")).toBe("hf-parquet");
    expect(formatFromName("pairs.csv")).toBe("pairs-csv");
    expect(formatFromName("pairs.ndjson")).toBe("json-lines");
    expect(formatFromName("notes.txt")).toBeUndefined();
    expect(formatFromName("parquet")).toBeUndefined();
    expect(jsonLinesFormatOf('{"query_info": {}, "comparison": {}}')).toBe("resolved-jsonl");
    expect(jsonLinesFormatOf('{"id": "1", "query": "q"}')).toBe("pairs-jsonl");
  });
});

describe("openDataset()", () => {
  it("reads every format from bytes exactly as the Node loader reads the file", async () => {
    for (const path of [synthetic8Parquet(), fixture("pairs-8.jsonl"), fixture("pairs-8.csv")]) {
      const opened = await openDataset(path, bytesOf(path));
      const loaded = await loadFeatureDataset({ data: path });
      expect(opened.features.rows).toEqual(loaded.rows);
      expect(opened.features.labels).toEqual(loaded.labels);
      expect(opened.features.source.format).toBe(loaded.source.format);
      expect(opened.pairs!.pairs).toHaveLength(8);
    }
  });

  it("reads the resolved comparisons with the group index and human labels, features only", async () => {
    const path = fixture("resolved-8.jsonl");
    const opened = await openDataset("resolved-8.jsonl", bytesOf(path), {
      groupIndex: textOf("resolved-8-group-index.json"),
      humanLabels: textOf("resolved-8-labels.json"),
    });
    expect(opened.pairs).toBeUndefined();
    expect(opened.features.rows).toHaveLength(8);
    expect(opened.features.labels.get("human")).toHaveLength(8);
    const missing = await asyncFailure(() => openDataset("resolved-8.jsonl", bytesOf(path)));
    expect(missing.message).toBe("resolved-8.jsonl holds resolved comparisons, which need the group index and the human labels files");
  });

  it("names the file when its name or content is wrong", async () => {
    expect((await asyncFailure(() => openDataset("data.xlsx", new Uint8Array()))).message).toBe(
      "cannot tell the format of data.xlsx from its name; expected one of .parquet, .jsonl, .ndjson, .json, .csv",
    );
    expect((await asyncFailure(() => openDataset("broken.parquet", new TextEncoder().encode("not parquet")))).message).toMatch(/^broken\.parquet is not a readable Parquet file/);
    expect((await asyncFailure(() => openDataset("pairs.jsonl", new TextEncoder().encode('{"id": 3}\n')))).message).toMatch(/^pairs\.jsonl:1: field "id"/);
  });
});

describe("checkFeatureDataset()", () => {
  const pairs = synthesizePairs({ weights: new Map(), seed: 1, judges: [] }).map((pair, i): PairRecord => ({ ...pair, scenario: "Code", labels: { human: i % 3 === 0 ? "A" : "B" } }));
  const dataset = toFeatureDataset({ pairs, source: { format: "pairs-jsonl", file: "all-code.jsonl", rows: pairs.length, synthetic: false, schemaDifferences: [], warnings: [] } });

  it("holds a dataset recognised as the paper's to the published group sizes", () => {
    // A reference tallied from this very dataset recognises it; its groups are not the published ones.
    const index = new Map([["Code", dataset.rows.map((row) => row.index)]]);
    const published = publishedHumanTally(index, dataset.labels.get("human")!);
    expect(failure(() => checkFeatureDataset(dataset, published)).message).toMatch(/^all-code\.jsonl/);
  });

  it("loads another dataset of that size, or one it cannot place, with a note", () => {
    const other = checkFeatureDataset(dataset, publishedHumanTally(new Map(), []));
    expect(other.source.warnings.at(-1)).toMatch(/^all-code\.jsonl has as many pairs as the paper's dataset but is another one/);
    const unplaced = checkFeatureDataset(dataset, { unavailable: "no index" });
    expect(unplaced.source.warnings.at(-1)).toBe("cannot tell whether all-code.jsonl is the paper's dataset (no index), so its groups are not held to the published sizes");
  });
});
