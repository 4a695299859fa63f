/**
 * Every file one stage writes and another reads is a JSON document or JSON Lines with one zod
 * schema, owned by the library that writes it. `jsonDocumentFormat` and `jsonLinesFormat` turn
 * that schema into the `parse`/`stringify` pair the owner exports, so every reader rejects a bad
 * file the same way: one sentence naming the file, the line (JSON Lines), the field, what is
 * wrong and what was expected. Pure text in, values out: browser-safe; reading the file from disk
 * is the owner's `/node` entry.
 */
import { z } from "zod";
import { PrefDissectError } from "./errors.js";
import { checkSchema, issuePath } from "./schema-issues.js";

/** Where a value came from and what it should have been, for error messages. */
export interface JsonSource {
  readonly file: string;
  /** 1-based line of a JSON Lines file. */
  readonly line?: number;
  /** What the file should hold, e.g. "the summary.json that pd refit writes". */
  readonly what: string;
}

/**
 * Validates a parsed value against `schema`; throws naming file, line and field on the first issue,
 * worded as every zod check in the project is (`checkSchema`):
 * `out/summary.json: field "settings.folds" must be a number, got string; expected …`.
 */
export function checkJson<T>(value: unknown, schema: z.ZodType<T>, source: JsonSource): T {
  const result = checkSchema(schema, value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  // An index at the top of a document that is an array is the row of a table (a labels file).
  const [first, ...rest] = issue.path;
  const row = source.line === undefined && typeof first === "number" ? first : undefined;
  const field = rest.length > 0 || row === undefined ? issuePath({ ...issue, path: row === undefined ? issue.path : rest }) : "";
  const place = {
    file: source.file,
    ...(source.line !== undefined ? { line: source.line } : {}),
    ...(row !== undefined ? { row } : {}),
    ...(field !== "" ? { field } : {}),
  };
  const subject = [row !== undefined ? `row ${row}` : "", field !== "" ? `field "${field}"` : ""].filter((part) => part !== "").join(", ");
  const where = source.line !== undefined ? `${source.file}:${source.line}` : source.file;
  throw new PrefDissectError(
    source.line !== undefined ? "malformed-line" : "malformed-file",
    `${where}: ${subject === "" ? "" : `${subject} `}${issue.message}; expected ${source.what}`,
    place,
  );
}

/** Parses a text that holds one JSON document (not yet validated). */
export function parseJsonDocument(text: string, file: string, what = "JSON"): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PrefDissectError("malformed-file", `${file} is not valid JSON (${(error as Error).message}); expected ${what}`, { file });
  }
}

/** One non-blank line of a JSON Lines text, parsed; `line` is 1-based. */
export interface JsonLine {
  readonly line: number;
  readonly value: unknown;
}

/**
 * Parses the non-blank lines of a JSON Lines text one at a time, so a caller that checks each
 * value reports the first bad line of the file, whatever is wrong with it.
 */
export function* parseJsonLines(text: string, file: string): Generator<JsonLine> {
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === "") continue;
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new PrefDissectError("malformed-line", `${file}:${line} is not valid JSON`, { file, line });
    }
    yield { line, value };
  }
}

/** The pair of functions a file format's owner exports. */
export interface JsonFormat<T> {
  /** What the file holds, as error messages name it. */
  readonly what: string;
  readonly schema: z.ZodType<T>;
  /** Parses and validates a file's text; `file` names it in errors. */
  parse(text: string, file: string): T;
  /** The file's text, ending in a newline. */
  stringify(value: T): string;
}

/**
 * A format whose file holds one JSON document.
 * @param indent spaces per level of the written text (existing files keep their layout).
 */
export function jsonDocumentFormat<T>(options: { what: string; schema: z.ZodType<T>; indent?: number }): JsonFormat<T> {
  const { what, schema } = options;
  return {
    what,
    schema,
    parse: (text, file) => checkJson(parseJsonDocument(text, file, what), schema, { file, what }),
    stringify: (value) => `${JSON.stringify(value, null, options.indent)}\n`,
  };
}

/** A format whose file holds one JSON value per line (blank lines skipped on reading). */
export function jsonLinesFormat<T>(options: { what: string; line: z.ZodType<T> }): JsonFormat<T[]> {
  const { what, line: schema } = options;
  return {
    what,
    schema: z.array(schema),
    parse: (text, file) => [...parseJsonLines(text, file)].map(({ line, value }) => checkJson(value, schema, { file, line, what })),
    stringify: (rows) => rows.map((row) => `${JSON.stringify(row)}\n`).join(""),
  };
}

/**
 * The `format` field of our own files: `prefdissect.<name>/<version>`. Readers also accept the
 * older spellings listed, so files written by earlier versions still load.
 */
export function formatTag<const Tag extends string, const Older extends string[] = []>(tag: Tag, ...older: Older) {
  return z.enum([tag, ...older] as [Tag, ...Older]);
}
