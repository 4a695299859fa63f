/**
 * The calls the annotator makes for one pair, as plain descriptions: which prompt (id and
 * version), the inputs it was filled with, the rendered messages, the sampling parameters and how
 * to validate the answer. Executing them (HTTP, cache, retries) is the node side's job; everything
 * here is pure, so the dry run and the browser can use it too.
 *
 *   reference-answer ─┐
 *                     ├─► error-detection
 *   query-analysis ───┼─► query-specific (only when the analysis triggers a case)
 *   basic-query-free  │
 *   basic-query-aware ┘   (independent of the others)
 */
import { querySpecificCasesOf, type QueryInfo } from "@prefdissect/data";
import { checkSchema, issuePath } from "@prefdissect/shared";
import { PROMPTS, promptProperties, type PromptId, type QuerySpecificSection } from "../prompts/catalog.js";
import { fillTemplate, type ChatMessage } from "../prompts/render.js";
import { extractJsonObject } from "../parse/repair-json.js";
import {
  ErrorDetectionAnswerSchema,
  QueryAnalysisAnswerSchema,
  pairRatingsSchema,
  querySpecificAnswerSchema,
  type PairErrorChecks,
  type PairQuerySpecific,
  type PairRatings,
  type QuerySpecificRequest,
} from "../parse/output-schemas.js";
import type { z } from "zod";

/** Sampling settings shared by every call (the paper used temperature 0, top_p 1, seed 42). */
export interface SamplingSettings {
  readonly temperature: number;
  readonly topP: number;
  readonly seed: number;
}

export const DEFAULT_SAMPLING: SamplingSettings = { temperature: 0, topP: 1, seed: 42 };

/** Parameters sent with one request; part of the cache key and of every stored annotation. */
export interface CallParams extends SamplingSettings {
  readonly maxTokens: number;
  /** True when the prompt asks for a JSON object (JSON output mode is requested). */
  readonly json: boolean;
  /**
   * "completions": the raw `prompt` goes to `/v1/completions` (base models, no chat template).
   * Absent means chat completions, so the annotator's cache keys stay as they were.
   */
  readonly endpoint?: "completions";
  /** Ask for the k most likely tokens, with log-probabilities, at each generated position. */
  readonly topLogprobs?: number;
}

export type ParsedAnswer<T> = { ok: true; value: T; repaired: string[] } | { ok: false; reason: string };

/** One alternative the server listed for a generated token. */
export interface TokenLogprob {
  readonly token: string;
  readonly logprob: number;
}

/**
 * One call, ready to send. `T` is the validated answer; `Id` the prompt's id (the annotator's six,
 * or another catalog's when other tools send calls through the same client and cache).
 */
export interface CallSpec<T = unknown, Id extends string = PromptId> {
  readonly promptId: Id;
  readonly promptVersion: number;
  /** The values the prompt was filled with (hashed into the cache key). */
  readonly inputs: Readonly<Record<string, string>>;
  /** What a chat-completions request sends. */
  readonly messages: readonly ChatMessage[];
  /** What a completions request sends (`params.endpoint` "completions"). */
  readonly prompt?: string;
  readonly params: CallParams;
  /**
   * Validates the raw answer text; `firstToken` is the server's top-k list for the first
   * generated token when `params.topLogprobs` asked for one (most likely first).
   */
  parse(text: string, firstToken?: readonly TokenLogprob[]): ParsedAnswer<T>;
}

/** A call of any prompt catalog: what the client, the executor and the cache handle. */
export type AnyCallSpec<T = unknown> = CallSpec<T, string>;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issuePath(issue) || "the answer"} ${issue.message}`)
    .join("; ");
}

function jsonParser<T>(schema: z.ZodType<T>) {
  return (text: string): ParsedAnswer<T> => {
    const extracted = extractJsonObject(text);
    if (!extracted.ok) return extracted;
    const result = checkSchema(schema, extracted.value);
    if (!result.success) return { ok: false, reason: `the answer does not match the expected shape (${describeIssues(result.error)})` };
    return { ok: true, value: result.data, repaired: extracted.repaired };
  };
}

function buildCall<T>(
  promptId: PromptId,
  inputs: Record<string, string>,
  extraSlots: Record<string, string>,
  sampling: SamplingSettings,
  parse: (text: string) => ParsedAnswer<T>,
): CallSpec<T> {
  const prompt = PROMPTS[promptId];
  const slots = { ...inputs, ...extraSlots };
  return {
    promptId,
    promptVersion: prompt.version,
    inputs,
    messages: [
      { role: "system", content: fillTemplate(prompt.system, slots) },
      { role: "user", content: fillTemplate(prompt.user, slots) },
    ],
    params: { ...sampling, maxTokens: prompt.maxTokens, json: prompt.output === "json" },
    parse,
  };
}

/** The texts a pair contributes to the prompts. */
export interface PairTexts {
  readonly query: string;
  readonly responseA: string;
  readonly responseB: string;
}

export function referenceAnswerCall(pair: PairTexts, sampling = DEFAULT_SAMPLING): CallSpec<string> {
  return buildCall("reference-answer", { query: pair.query }, {}, sampling, (text) =>
    text.trim() === "" ? { ok: false, reason: "the answer is empty" } : { ok: true, value: text, repaired: [] },
  );
}

export function queryAnalysisCall(pair: PairTexts, sampling = DEFAULT_SAMPLING): CallSpec<QueryInfo> {
  return buildCall("query-analysis", { query: pair.query }, {}, sampling, jsonParser(QueryAnalysisAnswerSchema));
}

type RatingPromptId = "basic-query-free" | "basic-query-aware";

/** The parts of a rating call that depend only on its prompt: built once, not per pair. */
function ratingParts(promptId: RatingPromptId) {
  const properties = promptProperties(promptId);
  return {
    slots: {
      properties: properties.map((item) => `- ${item.key}: ${item.definition}`).join("\n"),
      keys: properties.map((item) => `"${item.key}": 0-3`).join(", "),
    },
    parse: jsonParser(pairRatingsSchema(properties.map((item) => item.key))),
  };
}

const RATING_PARTS: Readonly<Record<RatingPromptId, ReturnType<typeof ratingParts>>> = {
  "basic-query-free": ratingParts("basic-query-free"),
  "basic-query-aware": ratingParts("basic-query-aware"),
};

function ratingCall(promptId: RatingPromptId, inputs: Record<string, string>, sampling: SamplingSettings): CallSpec<PairRatings> {
  const { slots, parse } = RATING_PARTS[promptId];
  return buildCall(promptId, inputs, slots, sampling, parse);
}

export function queryFreeRatingCall(pair: PairTexts, sampling = DEFAULT_SAMPLING): CallSpec<PairRatings> {
  return ratingCall("basic-query-free", { response_a: pair.responseA, response_b: pair.responseB }, sampling);
}

export function queryAwareRatingCall(pair: PairTexts, sampling = DEFAULT_SAMPLING): CallSpec<PairRatings> {
  return ratingCall("basic-query-aware", { query: pair.query, response_a: pair.responseA, response_b: pair.responseB }, sampling);
}

export function errorDetectionCall(pair: PairTexts, reference: string, sampling = DEFAULT_SAMPLING): CallSpec<PairErrorChecks> {
  return buildCall(
    "error-detection",
    { query: pair.query, reference, response_a: pair.responseA, response_b: pair.responseB },
    {},
    sampling,
    jsonParser(ErrorDetectionAnswerSchema),
  );
}

/** The query-specific prompt's section for each query-specific case of @prefdissect/data. */
const SECTION_OF_CASE: Readonly<Record<string, QuerySpecificSection>> = {
  intent_unclear: "clarify_intent",
  express_feeling: "show_empathy",
  w_constraints: "constraints",
  w_stances: "stances",
  w_mistakes: "mistakes",
};

/**
 * The query-specific sections a query's information switches on, in catalog order: the cases the
 * dataset puts the pair in (`querySpecificCasesOf`), so annotation and fitting share one rule.
 */
export function triggeredSections(info: QueryInfo): QuerySpecificSection[] {
  return querySpecificCasesOf(info).map((id) => SECTION_OF_CASE[id]!);
}

/** The query-specific call, or `undefined` when the query triggers no case (no call is made). */
export function querySpecificCall(pair: PairTexts, info: QueryInfo, sampling = DEFAULT_SAMPLING): CallSpec<PairQuerySpecific> | undefined {
  const sections = triggeredSections(info);
  if (sections.length === 0) return undefined;
  const prompt = PROMPTS["query-specific"];
  const listFor: Partial<Record<QuerySpecificSection, readonly string[]>> = {
    constraints: info.constraints,
    stances: info.stances,
    mistakes: info.mistakes,
  };
  const sectionText = sections.map((section) => {
    const template = prompt.sections?.[section];
    if (template === undefined) throw new Error(`query-specific prompt lacks section "${section}"`);
    const items = listFor[section];
    return fillTemplate(template, items === undefined ? {} : { items: JSON.stringify(items) });
  });
  const shapeParts = sections.map((section) => prompt.shapes?.[section] ?? `"${section}": …`);
  const request: QuerySpecificRequest = {
    sections,
    constraints: info.constraints.length,
    stances: info.stances.length,
    mistakes: info.mistakes.length,
  };
  return buildCall(
    "query-specific",
    {
      query: pair.query,
      response_a: pair.responseA,
      response_b: pair.responseB,
      triggered: JSON.stringify(sections),
      constraints: JSON.stringify(info.constraints),
      stances: JSON.stringify(info.stances),
      mistakes: JSON.stringify(info.mistakes),
    },
    {
      sections: sectionText.join("\n\n"),
      shape: `{"response_a": {${shapeParts.join(", ")}}, "response_b": {same keys}}`,
    },
    sampling,
    jsonParser(querySpecificAnswerSchema(request)),
  );
}
