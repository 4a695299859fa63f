import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parquetWriteBuffer } from "hyparquet-writer";
import { describe, expect, it } from "vitest";
import {
  HF_COLUMNS,
  pairToHfRow,
  parquetSchemaFor,
  parsePairsJsonl,
  readHfParquet,
  type ExpectedField,
  type ExpectedType,
} from "../src/index.js";
import { asyncFailure } from "./failure.js";

const pairs = parsePairsJsonl(readFileSync(join(import.meta.dirname, "fixtures", "pairs-8.jsonl"), "utf8"), "pairs-8.jsonl").pairs;
type Row = Record<string, any>;

/** Writes rows with a custom column list (each column's values taken from the rows by name). */
function writeParquet(columns: readonly ExpectedField[], rows: readonly Row[]): ArrayBuffer {
  return parquetWriteBuffer({
    columnData: columns.map((column) => ({ name: column.name, data: rows.map((row) => row[column.name]) })),
    schema: parquetSchemaFor(columns) as never,
  });
}

/** HF_COLUMNS with one member's type replaced (path like ["basic_response_1", "friendly"]). */
function withMemberType(path: readonly string[], type: ExpectedType | undefined, rename?: string): ExpectedField[] {
  const edit = (fields: readonly ExpectedField[], rest: readonly string[]): ExpectedField[] =>
    fields.flatMap((field) => {
      if (field.name !== rest[0]) return [field];
      if (rest.length === 1) return type === undefined ? [] : [{ name: rename ?? field.name, type }];
      if (field.type.kind !== "struct") throw new Error("not a struct");
      return [{ ...field, type: { ...field.type, fields: edit(field.type.fields, rest.slice(1)) } }];
    });
  return edit(HF_COLUMNS, path);
}

const rows = (): Row[] => pairs.map((p) => pairToHfRow(p) as Row);

describe("readHfParquet: the column check", () => {
  it("reads a file in the documented layout with no differences (not synthetic without the marker)", async () => {
    const data = await readHfParquet(writeParquet(HF_COLUMNS, rows()), "hf.parquet");
    expect(data.pairs).toEqual(pairs);
    expect(data.source).toMatchObject({ synthetic: false, schemaDifferences: [], rows: 8 });
  });

  it("names every missing column and wrong type in one message", async () => {
    let columns = HF_COLUMNS.filter((column) => column.name !== "errors_response_2");
    columns = columns.map((column) =>
      column.name === "explicit constraints" ? { name: column.name, type: { kind: "string" } as const } : column,
    );
    const data = rows().map((row) => ({ ...row, "explicit constraints": JSON.stringify(row["explicit constraints"]) }));
    const error = await asyncFailure(() => readHfParquet(writeParquet(columns, data), "bad.parquet"));
    expect(error.message).toBe(
      'bad.parquet does not match the GAIR/preference-dissection schema: column "explicit constraints" is string, expected list<string>; ' +
        'missing column "errors_response_2" (struct{applicable or not, errors})',
    );
    expect(error.place).toMatchObject({ file: "bad.parquet", field: "explicit constraints" });
  });

  it("names a wrong member type inside a struct", async () => {
    const columns = withMemberType(["basic_response_2", "friendly"], { kind: "string" });
    const data = rows().map((row) => ({ ...row, basic_response_2: { ...row.basic_response_2, friendly: "2" } }));
    const error = await asyncFailure(() => readHfParquet(writeParquet(columns, data), "bad.parquet"));
    expect(error.message).toContain('column "basic_response_2.friendly" is string, expected integer');
  });

  it("names a missing struct member", async () => {
    const columns = withMemberType(["query-specific_response_1", "showing empathetic"], undefined);
    const error = await asyncFailure(() => readHfParquet(writeParquet(columns, rows()), "bad.parquet"));
    expect(error.message).toContain('missing column "query-specific_response_1.showing empathetic"');
  });

  it("accepts 1-element lists for the single query-specific scores and reports it", async () => {
    // Both single scores of response 1 become lists of integers.
    const fixed = HF_COLUMNS.map((column) => (column.name === "query-specific_response_1" ? withList(column) : column));
    const data = rows().map((row) => {
      const qs = row["query-specific_response_1"];
      const list = (value: unknown) => (value === null ? null : [value]);
      return { ...row, "query-specific_response_1": { ...qs, "showing empathetic": list(qs["showing empathetic"]), "clarify user intent": list(qs["clarify user intent"]) } };
    });
    const result = await readHfParquet(writeParquet(fixed, data), "lists.parquet");
    expect(result.pairs).toEqual(pairs);
    expect(result.source.schemaDifferences).toEqual([
      'column "query-specific_response_1.clarify user intent" is a list of integers; its single element is used as the score',
      'column "query-specific_response_1.showing empathetic" is a list of integers; its single element is used as the score',
    ]);
  });

  it("accepts the raw-annotation member names and extra columns, and lists them", async () => {
    let columns = withMemberType(["errors_response_1", "applicable or not"], { kind: "string" }, "accuracy check");
    columns = [...columns, { name: "notes", type: { kind: "string" } }];
    const data = rows().map((row) => {
      const { "applicable or not": flag, ...rest } = row.errors_response_1;
      return { ...row, errors_response_1: { "accuracy check": flag, ...rest }, notes: "n" };
    });
    const result = await readHfParquet(writeParquet(columns, data), "alias.parquet");
    expect(result.pairs).toEqual(pairs);
    expect(result.source.schemaDifferences).toEqual([
      'column "errors_response_1.accuracy check" is read as "errors_response_1.applicable or not"',
      'unexpected column "notes" (string) ignored',
    ]);
  });

  it("rejects bytes that are not Parquet", async () => {
    const error = await asyncFailure(() => readHfParquet(new TextEncoder().encode("not parquet at all"), "x.parquet"));
    expect(error.message).toMatch(/^x\.parquet is not a readable Parquet file/);
  });
});

describe("readHfParquet: row values", () => {
  const read = (edit: (row: Row, index: number) => Row) =>
    readHfParquet(writeParquet(HF_COLUMNS, rows().map(edit)), "v.parquet");

  it("maps response_1/response_2 to A/B and rejects any other label, naming row and judge", async () => {
    const data = await read((row) => row);
    expect(data.pairs.map((p) => p.labels.human)).toEqual(pairs.map((p) => p.labels.human));
    const error = await asyncFailure(() =>
      read((row, i) => (i === 5 ? { ...row, preference_labels: { ...row.preference_labels, human: "tie" } } : row)),
    );
    expect(error.message).toBe('v.parquet: row 5, column "preference_labels.human" is "tie", expected "response_1" or "response_2" (or "A"/"B")');
    expect(error.place).toMatchObject({ file: "v.parquet", row: 5, field: "preference_labels.human" });
  });

  it("rejects out-of-range and missing scores, unknown scenarios and bad Yes/No values", async () => {
    let error = await asyncFailure(() => read((row, i) => (i === 2 ? { ...row, basic_response_1: { ...row.basic_response_1, polite: 4n } } : row)));
    expect(error.message).toBe('v.parquet: row 2, column "basic_response_1.polite" is 4, expected an integer from 0 to 3');
    error = await asyncFailure(() => read((row, i) => (i === 7 ? { ...row, basic_response_2: { ...row.basic_response_2, harmlessness: null } } : row)));
    expect(error.message).toBe('v.parquet: row 7, column "basic_response_2.harmlessness" is null, expected an integer from 0 to 3');
    error = await asyncFailure(() => read((row, i) => (i === 1 ? { ...row, scenario_group: "Poetry" } : row)));
    expect(error.message).toMatch(/^v\.parquet: row 1, column "scenario_group" is "Poetry", expected one of Advice, /);
    error = await asyncFailure(() => read((row, i) => (i === 0 ? { ...row, "clear intent": "maybe" } : row)));
    expect(error.message).toBe('v.parquet: row 0, column "clear intent" is "maybe", expected "Yes" or "No"');
    error = await asyncFailure(() => read((row, i) => (i === 3 ? { ...row, response_2: { ...row.response_2, num_words: -3n } } : row)));
    expect(error.place).toMatchObject({ row: 3, field: "response_2.num_words" });
  });

  it("counts unknown severities and labels the way the authors' code does, with warnings", async () => {
    const data = await read((row, i) =>
      i === 0
        ? {
            ...row,
            errors_response_1: {
              ...row.errors_response_1,
              errors: [...row.errors_response_1.errors, { "brief description": "x", severity: "Critical", type: "t" }],
            },
          }
        : row,
    );
    expect(data.pairs[0]).toEqual(pairs[0]);
    expect(data.source.warnings).toEqual([
      'row 0, column "errors_response_1.errors[3].severity": severity "critical" is not minor/moderate/severe; the error is not counted',
    ]);
  });
});

function withList(column: ExpectedField): ExpectedField {
  if (column.type.kind !== "struct") return column;
  return {
    ...column,
    type: {
      ...column.type,
      fields: column.type.fields.map((field) =>
        field.type.kind === "integer-or-singleton-list" ? { ...field, type: { kind: "list", element: { kind: "integer" } } } : field,
      ),
    },
  };
}
