/**
 * zod schemas for the answer of every JSON call. They accept the small variations models produce
 * (labels in another case, "2" instead of 2, "Yes" instead of "yes") and normalise them into the
 * vocabulary of `PairRecord` (@prefdissect/data); anything structurally different is rejected.
 */
import { z } from "zod";
import {
  MISTAKE_LABELS,
  SEVERITIES,
  STANCE_LABELS,
  type ErrorCheck,
  type MistakeLabel,
  type QueryInfo,
  type QuerySpecificScores,
  type StanceLabel,
} from "@prefdissect/data";
import type { QuerySpecificSection } from "../prompts/catalog.js";

const normalisedText = (value: unknown) => (typeof value === "string" ? value.trim().toLowerCase() : value);
const numberLike = (value: unknown) => (typeof value === "string" && /^\s*\d+(\.0+)?\s*$/.test(value) ? Number(value) : value);

/** 0–3 integer rating; numeric strings are accepted. */
export const RatingSchema = z.preprocess(numberLike, z.number().int().min(0).max(3));
const YesNoSchema = z.preprocess((value) => (typeof value === "boolean" ? (value ? "yes" : "no") : normalisedText(value)), z.enum(["yes", "no"]));
const PhraseListSchema = z.array(z.string().trim().min(1));

/** Answer of the query-analysis call, converted to `QueryInfo`. */
export const QueryAnalysisAnswerSchema = z
  .object({
    clear_intent: YesNoSchema,
    expresses_feelings: YesNoSchema,
    explicit_constraints: PhraseListSchema,
    subjective_stances: PhraseListSchema,
    mistakes_or_biases: PhraseListSchema,
  })
  .transform((answer): QueryInfo => ({
    clearIntent: answer.clear_intent === "yes",
    expressesFeelings: answer.expresses_feelings === "yes",
    constraints: answer.explicit_constraints,
    stances: answer.subjective_stances,
    mistakes: answer.mistakes_or_biases,
  }));

/** Ratings of both responses on the given property keys: `{response_a: {key: 0..3}, response_b: …}`. */
export function pairRatingsSchema(keys: readonly string[]) {
  const perResponse = z.object(Object.fromEntries(keys.map((key) => [key, RatingSchema])));
  return z.object({ response_a: perResponse, response_b: perResponse }).transform((answer) => ({
    a: answer.response_a as Record<string, number>,
    b: answer.response_b as Record<string, number>,
  }));
}
export type PairRatings = { a: Record<string, number>; b: Record<string, number> };

const ErrorItemAnswerSchema = z.object({
  description: z.string(),
  type: z.string().trim().min(1),
  severity: z.preprocess(normalisedText, z.enum(SEVERITIES)),
});

const ErrorCheckAnswerSchema = z
  .object({
    accuracy_check: z.preprocess(normalisedText, z.enum(["applicable", "not applicable"])),
    errors: z.array(ErrorItemAnswerSchema),
  })
  .transform((answer): ErrorCheck => ({
    applicable: answer.accuracy_check === "applicable",
    // A check that was not possible cannot have found errors; stray items are dropped.
    items:
      answer.accuracy_check === "applicable" ? answer.errors.map((item) => ({ description: item.description, type: item.type, severity: item.severity })) : [],
  }));

/** Answer of the error-detection call. */
export const ErrorDetectionAnswerSchema = z
  .object({ response_a: ErrorCheckAnswerSchema, response_b: ErrorCheckAnswerSchema })
  .transform((answer) => ({ a: answer.response_a, b: answer.response_b }));
export type PairErrorChecks = { a: ErrorCheck; b: ErrorCheck };

const StanceLabelSchema = z.preprocess(normalisedText, z.enum(STANCE_LABELS as [StanceLabel, ...StanceLabel[]]));
const MistakeLabelSchema = z.preprocess(normalisedText, z.enum(MISTAKE_LABELS as [MistakeLabel, ...MistakeLabel[]]));

/** What the query-specific call was asked: which sections, and how many items each list has. */
export interface QuerySpecificRequest {
  readonly sections: readonly QuerySpecificSection[];
  readonly constraints: number;
  readonly stances: number;
  readonly mistakes: number;
}

/** Answer of the query-specific call for the sections that were asked, as `QuerySpecificScores`. */
export function querySpecificAnswerSchema(request: QuerySpecificRequest) {
  const shape: Record<string, z.ZodType> = {};
  for (const section of request.sections) {
    if (section === "clarify_intent" || section === "show_empathy") shape[section] = RatingSchema;
    if (section === "constraints") shape[section] = z.array(RatingSchema).length(request.constraints);
    if (section === "stances") shape[section] = z.array(StanceLabelSchema).length(request.stances);
    if (section === "mistakes") shape[section] = z.array(MistakeLabelSchema).length(request.mistakes);
  }
  const toScores = (answer: Record<string, unknown>): QuerySpecificScores => {
    const scores: QuerySpecificScores = {};
    if ("clarify_intent" in answer) scores.clarifyIntent = answer.clarify_intent as number;
    if ("show_empathy" in answer) scores.showEmpathetic = answer.show_empathy as number;
    if ("constraints" in answer) scores.satisfyConstraints = answer.constraints as number[];
    if ("stances" in answer) scores.supportStances = answer.stances as StanceLabel[];
    if ("mistakes" in answer) scores.correctMistakes = answer.mistakes as MistakeLabel[];
    return scores;
  };
  const perResponse = z.object(shape).transform(toScores);
  return z.object({ response_a: perResponse, response_b: perResponse }).transform((answer) => ({ a: answer.response_a, b: answer.response_b }));
}
export type PairQuerySpecific = { a: QuerySpecificScores; b: QuerySpecificScores };
