/**
 * The prompt catalog: every call the annotator makes is described by one versioned data file in
 * this folder (`*.prompt.ts`: a plain object, no code). They are imported as modules rather than
 * read from disk so the catalog also works in a browser bundle, and validated once at load time
 * so a malformed edit fails fast.
 *
 * Changing the wording of a prompt means bumping its `version`: the version is part of every cache
 * key and of every stored annotation, so old and new answers are never mixed up.
 */
import { z } from "zod";
import { referenceAnswerPrompt as referenceAnswer } from "./reference-answer.prompt.js";
import { queryAnalysisPrompt as queryAnalysis } from "./query-analysis.prompt.js";
import { basicQueryFreePrompt as basicQueryFree } from "./basic-query-free.prompt.js";
import { basicQueryAwarePrompt as basicQueryAware } from "./basic-query-aware.prompt.js";
import { querySpecificPrompt as querySpecific } from "./query-specific.prompt.js";
import { errorDetectionPrompt as errorDetection } from "./error-detection.prompt.js";

/** Identifiers of the six calls, in the order they run for a pair. */
export const PROMPT_IDS = ["reference-answer", "query-analysis", "basic-query-free", "basic-query-aware", "error-detection", "query-specific"] as const;
export type PromptId = (typeof PROMPT_IDS)[number];

const lines = z.array(z.string()).transform((parts) => parts.join("\n"));

const PropertyPromptSchema = z.strictObject({
  key: z.string().regex(/^[a-z_]+$/),
  /** Index into `PROPERTIES` of @prefdissect/data. */
  property: z.number().int().min(0).max(28),
  definition: z.string().min(1),
});
export type PropertyPrompt = z.infer<typeof PropertyPromptSchema>;

const QuerySpecificSectionIds = ["clarify_intent", "show_empathy", "constraints", "stances", "mistakes"] as const;
export type QuerySpecificSection = (typeof QuerySpecificSectionIds)[number];

const PromptFileSchema = z.strictObject({
  id: z.enum(PROMPT_IDS),
  version: z.number().int().positive(),
  purpose: z.string(),
  /** "json": the answer must be one JSON object (JSON mode is requested); "text": free text. */
  output: z.enum(["json", "text"]),
  maxTokens: z.number().int().positive(),
  system: lines,
  user: lines,
  properties: z.array(PropertyPromptSchema).optional(),
  sections: z.record(z.enum(QuerySpecificSectionIds), lines).optional(),
  shapes: z.record(z.enum(QuerySpecificSectionIds), z.string()).optional(),
});

/** One prompt after validation; `system` and `user` are templates with `{{name}}` slots. */
export type PromptTemplate = z.infer<typeof PromptFileSchema>;

function load(file: unknown, expectedId: PromptId): PromptTemplate {
  const prompt = PromptFileSchema.parse(file);
  if (prompt.id !== expectedId) throw new Error(`prompt file for "${expectedId}" declares id "${prompt.id}"`);
  return prompt;
}

/** Every prompt, keyed by id. */
export const PROMPTS: Readonly<Record<PromptId, PromptTemplate>> = {
  "reference-answer": load(referenceAnswer, "reference-answer"),
  "query-analysis": load(queryAnalysis, "query-analysis"),
  "basic-query-free": load(basicQueryFree, "basic-query-free"),
  "basic-query-aware": load(basicQueryAware, "basic-query-aware"),
  "error-detection": load(errorDetection, "error-detection"),
  "query-specific": load(querySpecific, "query-specific"),
};

/** The property items of a rating prompt (throws for prompts without a property list). */
export function promptProperties(id: "basic-query-free" | "basic-query-aware"): readonly PropertyPrompt[] {
  const properties = PROMPTS[id].properties;
  if (properties === undefined) throw new Error(`prompt "${id}" has no property list`);
  return properties;
}
