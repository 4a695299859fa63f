/**
 * Conversion between one row of the Hugging Face dataset (as hyparquet decodes it) and a
 * `PairRecord`. Every value is checked; a failure names the file, the 0-based row and the column
 * path (e.g. `basic_response_2.friendly`).
 *
 * Where the authors' own code tolerated a value (an unknown severity is not counted; an unknown
 * stance or mistake label scores 0), the row is kept the same way and a warning is recorded.
 */
import { PrefDissectError } from "@prefdissect/shared";
import { SCENARIO_IDS } from "../catalog/groups.js";
import { HF_LABEL_JUDGES } from "./hf-schema.js";
import {
  BASIC_ANNOTATION_KEYS,
  MISTAKE_SCORES,
  SEVERITIES,
  STANCE_SCORES,
  type BasicScores,
  type ErrorCheck,
  type ErrorItem,
  type MistakeLabel,
  type PairRecord,
  type PreferenceLabel,
  type QuerySpecificScores,
  type ResponseAnnotation,
  type Severity,
  type StanceLabel,
} from "./types.js";

type Row = Record<string, unknown>;

/** Collects non-fatal findings while rows are read. */
export interface RowWarnings {
  add(message: string): void;
}

class RowReader {
  constructor(
    readonly file: string,
    readonly row: number,
    readonly warnings: RowWarnings,
  ) {}

  fail(field: string, value: unknown, expected: string): never {
    const shown = typeof value === "bigint" ? value.toString() : JSON.stringify(value) ?? String(value);
    throw new PrefDissectError(
      "bad-value",
      `${this.file}: row ${this.row}, column "${field}" is ${shown}, expected ${expected}`,
      { file: this.file, row: this.row, field },
    );
  }

  warn(field: string, message: string): void {
    this.warnings.add(`row ${this.row}, column "${field}": ${message}`);
  }

  struct(parent: Row, name: string, path: string, aliases: readonly string[] = []): Row {
    const value = member(parent, name, aliases);
    if (typeof value !== "object" || value === null || Array.isArray(value)) this.fail(path, value, "a struct");
    return value as Row;
  }

  string(parent: Row, name: string, path: string, aliases: readonly string[] = []): string {
    const value = member(parent, name, aliases);
    if (typeof value !== "string") this.fail(path, value, "a string");
    return value;
  }

  optionalString(parent: Row, name: string): string | undefined {
    const value = parent[name];
    return typeof value === "string" ? value : undefined;
  }

  integer(value: unknown, path: string, min: number, max: number): number {
    const number = typeof value === "bigint" ? Number(value) : value;
    if (typeof number !== "number" || !Number.isInteger(number) || number < min || number > max) {
      this.fail(path, value, max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`);
    }
    return number;
  }

  stringList(parent: Row, name: string, path: string): string[] {
    const value = parent[name];
    if (!Array.isArray(value)) this.fail(path, value, "a list of strings");
    value.forEach((item, i) => {
      if (typeof item !== "string") this.fail(`${path}[${i}]`, item, "a string");
    });
    return value as string[];
  }

  yesNo(parent: Row, name: string): boolean {
    const value = this.string(parent, name, name);
    const normalised = value.trim().toLowerCase();
    if (normalised !== "yes" && normalised !== "no") this.fail(name, value, `"Yes" or "No"`);
    return normalised === "yes";
  }
}

function member(parent: Row, name: string, aliases: readonly string[]): unknown {
  if (name in parent) return parent[name];
  for (const alias of aliases) if (alias in parent) return parent[alias];
  return undefined;
}

/** Maps a dataset label to A/B: `response_1` (or "A") is A, `response_2` (or "B") is B. */
export function parsePreferenceLabel(value: unknown): PreferenceLabel | undefined {
  if (value === "response_1" || value === "A") return "A";
  if (value === "response_2" || value === "B") return "B";
  return undefined;
}

/** A 0..3 score given as a number, a bigint or a string holding a number ("2", "2/3"). */
function parseScore(reader: RowReader, value: unknown, path: string): number {
  let number: number | undefined;
  if (typeof value === "bigint") number = Number(value);
  else if (typeof value === "number") number = value;
  else if (typeof value === "string") {
    const match = /-?\d+(\.\d+)?/.exec(value);
    number = match === null ? undefined : Number(match[0]);
  }
  if (number === undefined || !Number.isFinite(number) || number < 0 || number > 3) reader.fail(path, value, "a score from 0 to 3");
  return number;
}

function readBasic(reader: RowReader, row: Row, column: string): BasicScores {
  const struct = reader.struct(row, column, column);
  const scores = {} as BasicScores;
  for (const key of BASIC_ANNOTATION_KEYS) scores[key] = reader.integer(struct[key], `${column}.${key}`, 0, 3);
  return scores;
}

function readErrors(reader: RowReader, row: Row, column: string): ErrorCheck {
  const struct = reader.struct(row, column, column);
  const flagPath = `${column}.applicable or not`;
  const flag = reader.string(struct, "applicable or not", flagPath, ["accuracy check"]).trim().toLowerCase();
  if (flag !== "applicable" && flag !== "not applicable") reader.fail(flagPath, flag, `"applicable" or "not applicable"`);
  const listPath = `${column}.errors`;
  const list = member(struct, "errors", ["inaccuracies"]);
  if (list === null && flag === "not applicable") return { applicable: false, items: [] };
  if (!Array.isArray(list)) reader.fail(listPath, list, "a list of errors");
  const items: ErrorItem[] = [];
  list.forEach((raw, i) => {
    const path = `${listPath}[${i}]`;
    if (typeof raw !== "object" || raw === null) reader.fail(path, raw, "a struct");
    const item = raw as Row;
    const severity = reader.string(item, "severity", `${path}.severity`).trim().toLowerCase();
    if (!(SEVERITIES as readonly string[]).includes(severity)) {
      reader.warn(`${path}.severity`, `severity ${JSON.stringify(severity)} is not minor/moderate/severe; the error is not counted`);
      return;
    }
    items.push({
      description: reader.optionalString(item, "brief description") ?? "",
      type: reader.optionalString(item, "type") ?? "",
      severity: severity as Severity,
    });
  });
  return { applicable: flag === "applicable", items };
}

/** An integer score stored as a scalar or a 1-element list; null means "not annotated". */
function readSingleScore(reader: RowReader, struct: Row, name: string, path: string): number | undefined {
  let value = struct[name];
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    if (value.length !== 1) reader.fail(path, value, "one score (or a 1-element list)");
    value = value[0];
  }
  return parseScore(reader, value, path);
}

function readLabelList<T extends string>(
  reader: RowReader,
  struct: Row,
  name: string,
  path: string,
  scores: Record<T, number>,
  fallback: T,
): T[] | undefined {
  const value = struct[name];
  if (value === null || value === undefined) return undefined;
  if (!Array.isArray(value)) reader.fail(path, value, "a list of labels");
  return value.map((raw, i) => {
    if (typeof raw !== "string") reader.fail(`${path}[${i}]`, raw, "a string label");
    const label = raw.trim().toLowerCase();
    if (label in scores) return label as T;
    reader.warn(`${path}[${i}]`, `unknown label ${JSON.stringify(raw)} scored as "${fallback}"`);
    return fallback;
  });
}

function readQuerySpecific(reader: RowReader, row: Row, column: string): QuerySpecificScores {
  const struct = reader.struct(row, column, column);
  const out: QuerySpecificScores = {};
  const clarify = readSingleScore(reader, struct, "clarify user intent", `${column}.clarify user intent`);
  if (clarify !== undefined) out.clarifyIntent = clarify;
  const empathy = readSingleScore(reader, struct, "showing empathetic", `${column}.showing empathetic`);
  if (empathy !== undefined) out.showEmpathetic = empathy;
  const constraintsPath = `${column}.satisfying explicit constraints`;
  const constraints = struct["satisfying explicit constraints"];
  if (constraints !== null && constraints !== undefined) {
    if (!Array.isArray(constraints)) reader.fail(constraintsPath, constraints, "a list of scores");
    out.satisfyConstraints = constraints.map((value, i) => parseScore(reader, value, `${constraintsPath}[${i}]`));
  }
  const stances = readLabelList<StanceLabel>(
    reader, struct, "supporting explicit subjective stances", `${column}.supporting explicit subjective stances`, STANCE_SCORES, "neutral",
  );
  if (stances !== undefined) out.supportStances = stances;
  const mistakes = readLabelList<MistakeLabel>(
    reader, struct, "correcting explicit mistakes or biases", `${column}.correcting explicit mistakes or biases`, MISTAKE_SCORES,
    "neither pointed out nor corrected",
  );
  if (mistakes !== undefined) out.correctMistakes = mistakes;
  return out;
}

function readResponse(reader: RowReader, row: Row, column: string): PairRecord["responseA"] {
  const struct = reader.struct(row, column, column);
  const model = reader.optionalString(struct, "model");
  return {
    content: reader.string(struct, "content", `${column}.content`),
    ...(model !== undefined ? { model } : {}),
    words: reader.integer(struct.num_words, `${column}.num_words`, 0, Number.MAX_SAFE_INTEGER),
  };
}

function readLabels(reader: RowReader, row: Row): Record<string, PreferenceLabel> {
  const struct = reader.struct(row, "preference_labels", "preference_labels");
  const labels: Record<string, PreferenceLabel> = {};
  for (const [judge, value] of Object.entries(struct)) {
    if (value === null || value === undefined) continue;
    const label = parsePreferenceLabel(value);
    if (label === undefined) reader.fail(`preference_labels.${judge}`, value, `"response_1" or "response_2" (or "A"/"B")`);
    labels[judge] = label;
  }
  return labels;
}

/**
 * Converts one decoded dataset row (0-based index `row`) into a `PairRecord` with id `String(row)`.
 * `scenarios` lists the accepted scenario groups (default: the paper's 11).
 */
export function hfRowToPair(
  value: Row,
  row: number,
  file: string,
  warnings: RowWarnings,
  scenarios: readonly string[] = SCENARIO_IDS,
): PairRecord {
  const reader = new RowReader(file, row, warnings);
  const scenario = reader.string(value, "scenario_group", "scenario_group");
  if (!scenarios.includes(scenario)) reader.fail("scenario_group", scenario, `one of ${scenarios.join(", ")}`);
  const scenarioAutoJ = reader.optionalString(value, "scenario_auto-j");
  const annotation = (suffix: "1" | "2"): ResponseAnnotation => ({
    basic: readBasic(reader, value, `basic_response_${suffix}`),
    errors: readErrors(reader, value, `errors_response_${suffix}`),
    querySpecific: readQuerySpecific(reader, value, `query-specific_response_${suffix}`),
  });
  return {
    id: String(row),
    query: reader.string(value, "query", "query"),
    scenario,
    ...(scenarioAutoJ !== undefined ? { scenarioAutoJ } : {}),
    responseA: readResponse(reader, value, "response_1"),
    responseB: readResponse(reader, value, "response_2"),
    queryInfo: {
      clearIntent: reader.yesNo(value, "clear intent"),
      expressesFeelings: reader.yesNo(value, "explicitly express feelings"),
      constraints: reader.stringList(value, "explicit constraints", "explicit constraints"),
      stances: reader.stringList(value, "explicit subjective stances", "explicit subjective stances"),
      mistakes: reader.stringList(value, "explicit mistakes or biases", "explicit mistakes or biases"),
    },
    annotationA: annotation("1"),
    annotationB: annotation("2"),
    labels: readLabels(reader, value),
  };
}

// ---------------------------------------------------------------------------------------------
// writing

function toBigInt(value: number, what: string): bigint {
  if (!Number.isInteger(value)) throw new RangeError(`${what} must be an integer to be written in the dataset schema, got ${value}`);
  return BigInt(value);
}

function basicRow(scores: BasicScores): Row {
  return Object.fromEntries([...BASIC_ANNOTATION_KEYS].sort().map((key) => [key, toBigInt(scores[key], key)]));
}

function errorsRow(errors: ErrorCheck): Row {
  return {
    "applicable or not": errors.applicable ? "applicable" : "not applicable",
    errors: errors.items.map((item) => ({ "brief description": item.description, severity: item.severity, type: item.type })),
  };
}

function querySpecificRow(scores: QuerySpecificScores): Row {
  const single = (value: number | undefined, what: string) => (value === undefined ? null : toBigInt(value, what));
  return {
    "clarify user intent": single(scores.clarifyIntent, "clarifyIntent"),
    "correcting explicit mistakes or biases": scores.correctMistakes ?? null,
    "satisfying explicit constraints": scores.satisfyConstraints?.map((value) => toBigInt(value, "satisfyConstraints")) ?? null,
    "showing empathetic": single(scores.showEmpathetic, "showEmpathetic"),
    "supporting explicit subjective stances": scores.supportStances ?? null,
  };
}

/**
 * Converts a pair into a dataset row (the inverse of `hfRowToPair`). The dataset's 33 judges are
 * written (a judge missing from the pair's labels as null; other judges are not part of the
 * schema); `reference` fills `gpt-4-turbo_reference`.
 */
export function pairToHfRow(pair: PairRecord, reference = ""): Row {
  const response = (text: PairRecord["responseA"]) => ({
    content: text.content,
    model: text.model ?? null,
    num_words: toBigInt(text.words, "words"),
  });
  const yesNo = (flag: boolean) => (flag ? "Yes" : "No");
  return {
    query: pair.query,
    "scenario_auto-j": pair.scenarioAutoJ ?? null,
    scenario_group: pair.scenario,
    response_1: response(pair.responseA),
    response_2: response(pair.responseB),
    "gpt-4-turbo_reference": reference,
    "clear intent": yesNo(pair.queryInfo.clearIntent),
    "explicitly express feelings": yesNo(pair.queryInfo.expressesFeelings),
    "explicit constraints": pair.queryInfo.constraints,
    "explicit subjective stances": pair.queryInfo.stances,
    "explicit mistakes or biases": pair.queryInfo.mistakes,
    preference_labels: Object.fromEntries(
      HF_LABEL_JUDGES.map((judge) => {
        const label = pair.labels[judge];
        return [judge, label === undefined ? null : label === "A" ? "response_1" : "response_2"];
      }),
    ),
    basic_response_1: basicRow(pair.annotationA.basic),
    basic_response_2: basicRow(pair.annotationB.basic),
    errors_response_1: errorsRow(pair.annotationA.errors),
    errors_response_2: errorsRow(pair.annotationB.errors),
    "query-specific_response_1": querySpecificRow(pair.annotationA.querySpecific),
    "query-specific_response_2": querySpecificRow(pair.annotationB.querySpecific),
  };
}
