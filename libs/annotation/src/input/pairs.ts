/**
 * Reading pairs to annotate. Three line formats are accepted, recognised by their keys:
 *
 * - the authors' raw files (`prompt`, `response_a`, `response_b`, optional `id`, `group`,
 *   `scenario`, `winner`, `model_a`, `model_b`, `response_a word`, `gpt4_ref_output`);
 * - Hugging Face rows (`query`, `response_1.content`, `response_2.content`, `scenario_group`,
 *   `preference_labels`, `gpt-4-turbo_reference`);
 * - our own `PairRecord` lines (`id`, `query`, `responseA.content`, `responseB.content`, `scenario`,
 *   `labels`); existing annotations in them are ignored and replaced.
 *
 * Every problem is a `PrefDissectError` naming the file, the line and the field.
 */
import { z } from "zod";
import { PrefDissectError, checkSchema, describePlace, issuePath } from "@prefdissect/shared";
import type { PreferenceLabel, ResponseText } from "@prefdissect/data";
import { approximateWordCount } from "./word-count.js";

/** One pair as the annotator needs it. */
export interface AnnotationInput {
  readonly id: string;
  /** 1-based line in the input file. */
  readonly line: number;
  readonly query: string;
  readonly scenario: string;
  readonly scenarioAutoJ?: string;
  readonly responseA: ResponseText;
  readonly responseB: ResponseText;
  readonly labels: Record<string, PreferenceLabel>;
  /** A reference answer shipped with the input (used only when asked to, see `useInputReference`). */
  readonly reference?: string;
}

/** Scenario used when the input names none. */
export const UNLABELLED_SCENARIO = "unlabelled";

const nonEmpty = z.string().refine((text) => text.trim() !== "", { message: "is empty" });
const optionalText = z.string().optional();
const wordCount = z.number().int().min(0).optional();

const RawPairSchema = z.object({
  prompt: nonEmpty,
  response_a: nonEmpty,
  response_b: nonEmpty,
  id: z.union([z.string(), z.number()]).optional(),
  group: optionalText,
  scenario: optionalText,
  winner: optionalText,
  model_a: optionalText,
  model_b: optionalText,
  "response_a word": wordCount,
  "response_b word": wordCount,
  gpt4_ref_output: optionalText,
});

const HfResponseSchema = z.object({ content: nonEmpty, model: optionalText, num_words: wordCount });
const HfPairSchema = z.object({
  query: nonEmpty,
  response_1: HfResponseSchema,
  response_2: HfResponseSchema,
  scenario_group: optionalText,
  "scenario_auto-j": optionalText,
  preference_labels: z.record(z.string(), z.string()).optional(),
  "gpt-4-turbo_reference": optionalText,
});

const OwnResponseSchema = z.object({ content: nonEmpty, model: optionalText, words: wordCount });
const OwnPairSchema = z.object({
  id: z.string().min(1).optional(),
  query: nonEmpty,
  responseA: OwnResponseSchema,
  responseB: OwnResponseSchema,
  scenario: optionalText,
  scenarioAutoJ: optionalText,
  labels: z.record(z.string(), z.enum(["A", "B"])).optional(),
});

type Format = "raw" | "hf" | "own";

function detectFormat(value: Record<string, unknown>): Format | undefined {
  if ("prompt" in value || "response_a" in value) return "raw";
  if ("response_1" in value) return "hf";
  if ("responseA" in value) return "own";
  return undefined;
}

function response(content: string, model: string | undefined, words: number | undefined): ResponseText {
  return { content, ...(model !== undefined ? { model } : {}), words: words ?? approximateWordCount(content) };
}

function fail(file: string, line: number, field: string | undefined, what: string): never {
  const place = { file, line, ...(field !== undefined ? { field } : {}) };
  throw new PrefDissectError("bad-pair", `${describePlace(place)}: ${what}`, place);
}

/**
 * Parses one input line (already decoded) into an `AnnotationInput`.
 * @param index 0-based position among the pairs, used as the id when the line has none.
 */
export function parsePairLine(text: string, file: string, line: number, index: number): AnnotationInput {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    fail(file, line, undefined, `not valid JSON (${(error as Error).message})`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    fail(file, line, undefined, "expected a JSON object per line");
  }
  const record = value as Record<string, unknown>;
  const format = detectFormat(record);
  if (format === undefined) {
    fail(
      file,
      line,
      undefined,
      "unrecognised pair: expected the keys prompt/response_a/response_b (raw), query/response_1/response_2 (Hugging Face) or query/responseA/responseB (PairRecord)",
    );
  }
  const schema = format === "raw" ? RawPairSchema : format === "hf" ? HfPairSchema : OwnPairSchema;
  const parsed = checkSchema(schema, record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issuePath(issue) || undefined;
    fail(file, line, field, `${field === undefined ? "the pair" : `"${field}"`} ${issue.message}`);
  }
  if (format === "raw") {
    const raw = parsed.data as z.infer<typeof RawPairSchema>;
    const labels: Record<string, PreferenceLabel> = {};
    if (raw.winner === "model_a") labels.human = "A";
    if (raw.winner === "model_b") labels.human = "B";
    return {
      id: raw.id === undefined ? String(index) : String(raw.id),
      line,
      query: raw.prompt,
      scenario: raw.group || UNLABELLED_SCENARIO,
      ...(raw.scenario ? { scenarioAutoJ: raw.scenario } : {}),
      responseA: response(raw.response_a, raw.model_a, raw["response_a word"]),
      responseB: response(raw.response_b, raw.model_b, raw["response_b word"]),
      labels,
      ...(raw.gpt4_ref_output ? { reference: raw.gpt4_ref_output } : {}),
    };
  }
  if (format === "hf") {
    const hf = parsed.data as z.infer<typeof HfPairSchema>;
    const labels: Record<string, PreferenceLabel> = {};
    for (const [judge, choice] of Object.entries(hf.preference_labels ?? {})) {
      if (choice === "response_1") labels[judge] = "A";
      else if (choice === "response_2") labels[judge] = "B";
    }
    return {
      id: String(index),
      line,
      query: hf.query,
      scenario: hf.scenario_group || UNLABELLED_SCENARIO,
      ...(hf["scenario_auto-j"] ? { scenarioAutoJ: hf["scenario_auto-j"] } : {}),
      responseA: response(hf.response_1.content, hf.response_1.model, hf.response_1.num_words),
      responseB: response(hf.response_2.content, hf.response_2.model, hf.response_2.num_words),
      labels,
      ...(hf["gpt-4-turbo_reference"] ? { reference: hf["gpt-4-turbo_reference"] } : {}),
    };
  }
  const own = parsed.data as z.infer<typeof OwnPairSchema>;
  return {
    id: own.id ?? String(index),
    line,
    query: own.query,
    scenario: own.scenario || UNLABELLED_SCENARIO,
    ...(own.scenarioAutoJ ? { scenarioAutoJ: own.scenarioAutoJ } : {}),
    responseA: response(own.responseA.content, own.responseA.model, own.responseA.words),
    responseB: response(own.responseB.content, own.responseB.model, own.responseB.words),
    labels: own.labels ?? {},
  };
}

/**
 * Decodes and parses a whole pairs file. Bytes are decoded line by line so invalid UTF-8 is
 * reported with its line number; blank lines are skipped; duplicate ids are rejected because
 * outputs are keyed by id.
 */
export function parsePairsFile(bytes: Uint8Array, file: string): AnnotationInput[] {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const pairs: AnnotationInput[] = [];
  const seen = new Map<string, number>();
  let start = 0;
  let line = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    line += 1;
    let text: string;
    try {
      text = decoder.decode(bytes.subarray(start, end));
    } catch {
      fail(file, line, undefined, "not valid UTF-8 text");
    }
    start = end + 1;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.trim() === "") continue;
    const pair = parsePairLine(text, file, line, pairs.length);
    const previous = seen.get(pair.id);
    if (previous !== undefined) fail(file, line, "id", `duplicate pair id "${pair.id}" (first seen on line ${previous})`);
    seen.set(pair.id, line);
    pairs.push(pair);
  }
  if (pairs.length === 0) throw new PrefDissectError("no-pairs", `${file}: contains no pairs`, { file });
  return pairs;
}
