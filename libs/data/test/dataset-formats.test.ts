import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  comparisonFeatures,
  formatPairsCsv,
  formatPairsJsonl,
  groupsOf,
  parseGroupIndex,
  parseCsv,
  parseLabelsFile,
  parsePairsCsv,
  parsePairsJsonl,
  parseResolvedJsonl,
  readHfParquet,
  toFeatureDataset,
  withJudgeLabels,
} from "../src/index.js";
import { pair } from "./dataset-helpers.js";
import { failure } from "./failure.js";
import { fixture, synthetic8Parquet } from "./fixture-files.js";

const text = (name: string) => readFileSync(fixture(name), "utf8");

/** `lines` joined back into a JSON Lines text after `edit` changed the object on line `index` (0-based). */
function editJsonLine(lines: readonly string[], index: number, edit: (value: Record<string, any>) => void): string {
  const copy = [...lines];
  const value = JSON.parse(copy[index]!);
  edit(value);
  copy[index] = JSON.stringify(value);
  return copy.join("\n");
}

describe("the four formats agree on the same pairs", () => {
  it("synthetic Parquet, pairs JSONL and pairs CSV hold identical records", async () => {
    const parquet = await readHfParquet(readFileSync(synthetic8Parquet()), "synthetic-8.parquet");
    const jsonl = parsePairsJsonl(text("pairs-8.jsonl"), "pairs-8.jsonl");
    const csv = parsePairsCsv(text("pairs-8.csv"), "pairs-8.csv");
    expect(parquet.pairs).toHaveLength(8);
    expect(jsonl.pairs).toEqual(parquet.pairs);
    expect(csv.pairs).toEqual(parquet.pairs);
    expect(parquet.source).toMatchObject({ format: "hf-parquet", synthetic: true, schemaDifferences: [], warnings: [] });
    expect(parquet.source.metadata?.["prefdissect.seed"]).toBe("3");
    expect(jsonl.source.synthetic).toBe(false);
  });

  it("the resolved-comparisons file gives the same features, groups and exclusions as our own computation", () => {
    const pairs = parsePairsJsonl(text("pairs-8.jsonl"), "pairs-8.jsonl").pairs;
    const resolved = parseResolvedJsonl(text("resolved-8.jsonl"), "resolved-8.jsonl", {
      groupIndex: parseGroupIndex(text("resolved-8-group-index.json"), "index.json"),
      labels: new Map([["human", parseLabelsFile(text("resolved-8-labels.json"), "labels.json")]]),
    });
    expect(resolved.rows.map((row) => row.features)).toEqual(pairs.map((p) => comparisonFeatures(p).features));
    expect(resolved.rows.map((row) => row.excluded)).toEqual(pairs.map((p) => comparisonFeatures(p).excluded));
    expect(resolved.rows.map((row) => row.groups)).toEqual(pairs.map((p) => groupsOf(p)));
    expect(resolved.rows.some((row) => row.excluded)).toBe(true);
    expect(resolved.labels.get("human")).toEqual(pairs.map((p) => p.labels.human));
    expect(resolved.source.warnings).toEqual([]);
  });

  it("JSONL and CSV round-trip arbitrary text (quotes, commas, newlines) and optional fields", () => {
    const tricky = [
      pair({ id: "q1", query: 'He said "hi",\nthen left', responseA: { content: " padded , text ", words: 3 }, responseB: { content: "", model: "m", words: 0 } }),
      pair({ id: "q2", scenarioAutoJ: "default", labels: { human: "B", "mistral-7b-instruct-v0.1": "A" } }),
    ];
    expect(parsePairsJsonl(formatPairsJsonl(tricky), "x.jsonl").pairs).toEqual(tricky);
    const csv = parsePairsCsv(formatPairsCsv(tricky), "x.csv").pairs;
    expect(csv).toEqual([{ ...tricky[0], labels: { human: "A" } }, tricky[1]]);
  });
});

describe("bad input names the place", () => {
  const jsonlLines = text("pairs-8.jsonl").trimEnd().split("\n");
  const withLine = (index: number, edit: (value: Record<string, any>) => void) => editJsonLine(jsonlLines, index, edit);

  it("JSONL: a NaN-like or fractional score, a bad label, a wrong type, a missing field", () => {
    let error = failure(() => parsePairsJsonl(withLine(2, (v) => (v.annotationB.basic.friendly = null)), "p.jsonl"));
    expect(error.message).toBe('p.jsonl:3: field "annotationB.basic.friendly" must be a number, got null');
    expect(error.place).toMatchObject({ file: "p.jsonl", line: 3, field: "annotationB.basic.friendly" });
    error = failure(() => parsePairsJsonl(withLine(0, (v) => (v.annotationA.basic.polite = 2.5)), "p.jsonl"));
    expect(error.message).toBe('p.jsonl:1: field "annotationA.basic.polite" must be a whole number, got 2.5');
    error = failure(() => parsePairsJsonl(withLine(4, (v) => (v.labels.human = "response_3")), "p.jsonl"));
    expect(error.message).toBe('p.jsonl:5: field "labels.human" must be one of "A", "B", got "response_3"');
    error = failure(() => parsePairsJsonl(withLine(3, (v) => (v.query = 7)), "p.jsonl"));
    expect(error.message).toBe('p.jsonl:4: field "query" must be a string, got number');
    error = failure(() => parsePairsJsonl(withLine(1, (v) => delete v.queryInfo), "p.jsonl"));
    expect(error.message).toBe('p.jsonl:2: field "queryInfo" is missing');
    error = failure(() => parsePairsJsonl(withLine(6, (v) => (v.id = "0")), "p.jsonl"));
    expect(error.message).toBe('p.jsonl:7: id "0" was already used on line 1');
    error = failure(() => parsePairsJsonl(jsonlLines[0] + "\n{not json", "p.jsonl"));
    expect(error.message).toBe("p.jsonl:2 is not valid JSON");
  });

  it("CSV: missing and unexpected columns, NaN and non-numeric cells, labels outside A/B", () => {
    const csv = text("pairs-8.csv");
    const [header, ...rows] = csv.trimEnd().split("\n");
    const replaceCell = (column: string, row: number, value: string) => {
      const records = parsePairsCsvRecords(csv);
      const position = records[0]!.indexOf(column);
      records[row]![position] = value;
      return records.map((cells) => cells.map((cell) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(",")).join("\n");
    };
    let error = failure(() => parsePairsCsv(replaceCell("annotationA.basic.harmlessness", 3, "NaN"), "p.csv"));
    expect(error.message).toBe('p.csv:4: column "annotationA.basic.harmlessness" is "NaN", expected a number');
    error = failure(() => parsePairsCsv(replaceCell("responseB.words", 2, "many"), "p.csv"));
    expect(error.message).toBe('p.csv:3: column "responseB.words" is "many", expected a number');
    error = failure(() => parsePairsCsv(replaceCell("annotationB.basic.funny and humorous", 1, "7"), "p.csv"));
    expect(error.message).toBe('p.csv:2: column "annotationB.basic.funny and humorous" must be at most 3, got 7');
    error = failure(() => parsePairsCsv(replaceCell("labels.human", 5, "C"), "p.csv"));
    expect(error.message).toBe('p.csv:6: column "labels.human" is "C", expected "A" or "B"');
    error = failure(() => parsePairsCsv(replaceCell("queryInfo.clearIntent", 1, "Yes"), "p.csv"));
    expect(error.place.field).toBe("queryInfo.clearIntent");
    const dropped = [header!.replace(/,queryInfo\.stances/, ""), ...rows].join("\n");
    error = failure(() => parsePairsCsv(dropped, "p.csv"));
    expect(error.message).toBe('p.csv:1: missing column "queryInfo.stances"');
    error = failure(() => parsePairsCsv([header + ",extra", ...rows.map((row) => row + ",1")].join("\n"), "p.csv"));
    expect(error.message).toBe('p.csv:1: unexpected column "extra" (see docs/data-format.md for the column names)');
  });

  it("resolved JSONL: ternary values, unknown keys, query information, row counts", () => {
    const index = parseGroupIndex(text("resolved-8-group-index.json"), "index.json");
    const lines = text("resolved-8.jsonl").trimEnd().split("\n");
    const edited = (row: number, edit: (value: Record<string, any>) => void) => editJsonLine(lines, row, edit);
    const parse = (body: string) => parseResolvedJsonl(body, "r.jsonl", { groupIndex: index, groupIndexFile: "index.json" });
    let error = failure(() => parse(edited(1, (v) => (v.comparison.friendly.comparison = 2))));
    expect(error.message).toBe('r.jsonl:2: field "comparison.friendly.comparison" is 2, expected -1, 0 or 1');
    error = failure(() => parse(edited(2, (v) => (v.comparison.accuracy.comparison = { Severe: 0, Moderate: "x", Minor: 0 }))));
    expect(error.message).toBe('r.jsonl:3: field "comparison.accuracy.comparison.Moderate" is "x", expected -1, 0 or 1');
    error = failure(() => parse(edited(0, (v) => (v.comparison.sarcasm = { comparison: 1 }))));
    expect(error.place).toMatchObject({ line: 1, field: "comparison.sarcasm" });
    error = failure(() => parse(edited(3, (v) => (v.query_info["clear intent"] = "Maybe"))));
    expect(error.message).toBe('r.jsonl:4: field "query_info.clear intent" is "Maybe", expected "Yes" or "No"');
    error = failure(() => parse(edited(3, (v) => (v.query_info["explicit constraints"] = []))));
    expect(error.message).toContain('group "w_constraints" of index.json');
    error = failure(() => parse(lines.slice(0, 7).join("\n")));
    expect(error.message).toBe('r.jsonl holds 7 pairs but index.json lists 8 under "all"');
    error = failure(() =>
      parseResolvedJsonl(lines.join("\n"), "r.jsonl", { groupIndex: index, labels: new Map([["human", ["A", "B"] as ("A" | "B")[]]]) }),
    );
    expect(error.message).toBe('the labels of "human" hold 2 entries but r.jsonl has 8 pairs');
    const missing = parse(edited(0, (v) => delete v.comparison.polite));
    expect(missing.source.warnings[0]).toContain('"comparison.polite" is missing');
  });

  it("labels files: values outside A/B and a length that differs from the dataset", () => {
    let error = failure(() => parseLabelsFile('["A", "response_1"]', "labels.json"));
    expect(error.place).toMatchObject({ file: "labels.json", row: 1 });
    const data = parsePairsJsonl(text("pairs-8.jsonl"), "pairs-8.jsonl");
    error = failure(() => withJudgeLabels(data, "my-judge", ["A", "B", "A"], "mine.json"));
    expect(error.message).toBe("mine.json holds 3 labels but pairs-8.jsonl has 8 pairs");
    const labelled = withJudgeLabels(data, "my-judge", ["A", "B", "A", "B", "A", "B", "A", "B"], "mine.json");
    expect(labelled.pairs.map((p) => p.labels["my-judge"])).toEqual(["A", "B", "A", "B", "A", "B", "A", "B"]);
    expect(toFeatureDataset(labelled).labels.get("my-judge")).toHaveLength(8);
    expect(data.pairs[0]!.labels["my-judge"]).toBeUndefined(); // the input is left alone
  });
});

/** Splits the fixture CSV into cells with the library's own reader (header included). */
function parsePairsCsvRecords(csv: string): string[][] {
  return parseCsv(csv, "x.csv").map((record) => record.cells);
}
