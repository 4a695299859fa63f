/**
 * The project's own dataset format (docs/data-format.md): PairRecords as JSON Lines, or as CSV
 * with one column per leaf field, named by its path (`annotationA.basic.harmlessness`,
 * `labels.human`). In CSV, lists and error items are JSON text, booleans are `true`/`false`, and
 * an empty cell means "absent" (an optional field, or no label from that judge).
 */
import { PrefDissectError, checkSchema, issuePath, parseJsonLines } from "@prefdissect/shared";
import type { PairDataset } from "./dataset.js";
import { formatCsv, parseCsv, type CsvRecord } from "./csv.js";
import { BASIC_ANNOTATION_KEYS, PairRecordSchema, type PairRecord } from "./types.js";

/**
 * Validates one record read from line `line`; `noun` is what the format calls a field ("field"
 * in JSONL, "column" in CSV).
 */
function validatePair(value: unknown, file: string, line: number, noun: "field" | "column"): PairRecord {
  const parsed = checkSchema(PairRecordSchema, value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issuePath(issue);
    throw new PrefDissectError("bad-value", `${file}:${line}: ${noun} "${field}" ${issue.message}`, { file, line, field });
  }
  return parsed.data as PairRecord;
}

/** Remembers the line of every id seen and fails on the second use of one. */
export function createIdCheck(file: string): (id: string, line: number) => void {
  const firstLine = new Map<string, number>();
  return (id, line) => {
    const first = firstLine.get(id);
    if (first !== undefined) {
      throw new PrefDissectError("duplicate-id", `${file}:${line}: id "${id}" was already used on line ${first}`, { file, line, field: "id" });
    }
    firstLine.set(id, line);
  };
}

/** The dataset of records read from lines `lines`, once every id is known to be unique. */
function pairDataset(format: "pairs-jsonl" | "pairs-csv", file: string, pairs: PairRecord[], lines: readonly number[]): PairDataset {
  const checkId = createIdCheck(file);
  pairs.forEach((pair, index) => checkId(pair.id, lines[index]!));
  return { pairs, source: { format, file, rows: pairs.length, synthetic: false, schemaDifferences: [], warnings: [] } };
}

// ---------------------------------------------------------------------------------------------
// JSON Lines

/** Parses PairRecords, one JSON object per line (blank lines skipped). */
export function parsePairsJsonl(text: string, file: string): PairDataset {
  const pairs: PairRecord[] = [];
  const lines: number[] = [];
  for (const { line, value } of parseJsonLines(text, file)) {
    pairs.push(pairFromJson(value, file, line));
    lines.push(line);
  }
  return pairDataset("pairs-jsonl", file, pairs, lines);
}

/** Validates the record parsed from line `line` of a pairs JSONL file. */
export function pairFromJson(value: unknown, file: string, line: number): PairRecord {
  return validatePair(value, file, line, "field");
}

/** Formats pairs as JSON Lines (one object per line, each ending in a newline). */
export function formatPairsJsonl(pairs: readonly PairRecord[]): string {
  return pairs.map((pair) => `${JSON.stringify(pair)}\n`).join("");
}

// ---------------------------------------------------------------------------------------------
// CSV

type CellKind = "string" | "optional-string" | "integer" | "optional-number" | "boolean" | "json" | "optional-json";

interface CsvColumn {
  readonly name: string;
  readonly path: readonly string[];
  readonly kind: CellKind;
}

const column = (name: string, kind: CellKind): CsvColumn => ({ name, path: name.split("."), kind });

function annotationColumns(side: "A" | "B"): CsvColumn[] {
  const prefix = `annotation${side}`;
  return [
    ...BASIC_ANNOTATION_KEYS.map((key) => column(`${prefix}.basic.${key}`, "integer")),
    column(`${prefix}.errors.applicable`, "boolean"),
    column(`${prefix}.errors.items`, "json"),
    column(`${prefix}.querySpecific.clarifyIntent`, "optional-number"),
    column(`${prefix}.querySpecific.showEmpathetic`, "optional-number"),
    column(`${prefix}.querySpecific.satisfyConstraints`, "optional-json"),
    column(`${prefix}.querySpecific.supportStances`, "optional-json"),
    column(`${prefix}.querySpecific.correctMistakes`, "optional-json"),
  ];
}

/** The fixed CSV columns, in file order; `labels.<judge>` columns follow them. */
export const PAIR_CSV_COLUMNS: readonly CsvColumn[] = [
  column("id", "string"),
  column("query", "string"),
  column("scenario", "string"),
  column("scenarioAutoJ", "optional-string"),
  ...(["A", "B"] as const).flatMap((side) => [
    column(`response${side}.content`, "string"),
    column(`response${side}.model`, "optional-string"),
    column(`response${side}.words`, "integer"),
  ]),
  column("queryInfo.clearIntent", "boolean"),
  column("queryInfo.expressesFeelings", "boolean"),
  column("queryInfo.constraints", "json"),
  column("queryInfo.stances", "json"),
  column("queryInfo.mistakes", "json"),
  ...annotationColumns("A"),
  ...annotationColumns("B"),
];

const LABEL_PREFIX = "labels.";

function getPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) current = current === undefined || current === null ? undefined : (current as Record<string, unknown>)[key];
  return current;
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let current = target;
  for (const key of path.slice(0, -1)) {
    current[key] ??= {};
    current = current[key] as Record<string, unknown>;
  }
  current[path[path.length - 1]!] = value;
}

function encodeCell(value: unknown, kind: CellKind): string {
  if (value === undefined || value === null) return "";
  if (kind === "json" || kind === "optional-json") return JSON.stringify(value);
  return String(value);
}

/** Formats pairs as CSV; label columns cover every judge seen in any pair (first-seen order). */
export function formatPairsCsv(pairs: readonly PairRecord[]): string {
  const judges = [...new Set(pairs.flatMap((pair) => Object.keys(pair.labels)))];
  const header = [...PAIR_CSV_COLUMNS.map((c) => c.name), ...judges.map((judge) => LABEL_PREFIX + judge)];
  const rows = pairs.map((pair) => [
    ...PAIR_CSV_COLUMNS.map((c) => encodeCell(getPath(pair, c.path), c.kind)),
    ...judges.map((judge) => pair.labels[judge] ?? ""),
  ]);
  return formatCsv([header, ...rows]);
}

/** Parses the CSV form of PairRecords; every cell is checked and errors name line and column. */
export function parsePairsCsv(text: string, file: string): PairDataset {
  const records = parseCsv(text, file);
  const header = records[0];
  if (header === undefined) throw new PrefDissectError("malformed-file", `${file} is empty; expected a header line`, { file });
  const readRecord = createPairCsvReader(header.cells, file);
  const pairs: PairRecord[] = [];
  const lines: number[] = [];
  for (const record of records.slice(1)) {
    pairs.push(readRecord(record));
    lines.push(record.line);
  }
  return pairDataset("pairs-csv", file, pairs, lines);
}

/**
 * Checks a pairs CSV header and returns the reader of its records: each record becomes a
 * validated PairRecord, or an error naming its line and column.
 */
export function createPairCsvReader(headerCells: readonly string[], file: string): (record: CsvRecord) => PairRecord {
  const known = new Map(PAIR_CSV_COLUMNS.map((c) => [c.name, c]));
  const positions = new Map<string, number>();
  headerCells.forEach((name, position) => {
    if (positions.has(name)) throw new PrefDissectError("bad-header", `${file}:1: column "${name}" appears twice`, { file, line: 1, field: name });
    if (!known.has(name) && !(name.startsWith(LABEL_PREFIX) && name.length > LABEL_PREFIX.length)) {
      throw new PrefDissectError("bad-header", `${file}:1: unexpected column "${name}" (see docs/data-format.md for the column names)`, {
        file,
        line: 1,
        field: name,
      });
    }
    positions.set(name, position);
  });
  const missing = PAIR_CSV_COLUMNS.filter((c) => !c.kind.startsWith("optional") && !positions.has(c.name)).map((c) => c.name);
  if (missing.length > 0) {
    throw new PrefDissectError("bad-header", `${file}:1: missing column${missing.length > 1 ? "s" : ""} ${missing.map((m) => `"${m}"`).join(", ")}`, {
      file,
      line: 1,
      field: missing[0]!,
    });
  }
  const judges = headerCells.filter((name) => name.startsWith(LABEL_PREFIX));

  return (record) => {
    const { line, cells } = record;
    if (cells.length !== headerCells.length) {
      throw new PrefDissectError("malformed-line", `${file}:${line} has ${cells.length} cells but the header has ${headerCells.length}`, { file, line });
    }
    const fail = (field: string, cell: string, expected: string): never => {
      throw new PrefDissectError("bad-value", `${file}:${line}: column "${field}" is ${JSON.stringify(cell)}, expected ${expected}`, {
        file,
        line,
        field,
      });
    };
    // Query-specific scores are all optional, so their object must exist even with no cells.
    const value: Record<string, unknown> = { labels: {}, annotationA: { querySpecific: {} }, annotationB: { querySpecific: {} } };
    for (const c of PAIR_CSV_COLUMNS) {
      const position = positions.get(c.name);
      const cell = position === undefined ? "" : cells[position]!;
      if (cell === "" && c.kind.startsWith("optional")) continue;
      let decoded: unknown;
      switch (c.kind) {
        case "string":
        case "optional-string":
          decoded = cell;
          break;
        case "integer":
        case "optional-number":
          decoded = cell.trim() === "" ? Number.NaN : Number(cell);
          if (!Number.isFinite(decoded as number)) fail(c.name, cell, "a number");
          break;
        case "boolean":
          if (cell !== "true" && cell !== "false") fail(c.name, cell, '"true" or "false"');
          decoded = cell === "true";
          break;
        case "json":
        case "optional-json":
          try {
            decoded = JSON.parse(cell);
          } catch {
            fail(c.name, cell, "JSON text");
          }
          break;
      }
      setPath(value, c.path, decoded);
    }
    for (const name of judges) {
      const cell = cells[positions.get(name)!]!;
      if (cell === "") continue;
      if (cell !== "A" && cell !== "B") fail(name, cell, '"A" or "B"');
      (value.labels as Record<string, string>)[name.slice(LABEL_PREFIX.length)] = cell;
    }
    return validatePair(value, file, line, "column");
  };
}
