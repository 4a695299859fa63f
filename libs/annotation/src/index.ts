/**
 * @prefdissect/annotation — annotate pairwise data on the paper's 29 properties with an
 * OpenAI-compatible model. This entry is browser-safe: prompts, call plans, answer parsing,
 * resolution to `PairRecord`, pricing. The HTTP client, cache, Batch API runner and loopback
 * server live in `@prefdissect/annotation/node`.
 */
export {
  PROMPTS,
  PROMPT_IDS,
  promptProperties,
  type PromptId,
  type PromptTemplate,
  type PropertyPrompt,
  type QuerySpecificSection,
} from "./prompts/catalog.js";
export { fillTemplate, matchTemplate, templateSlots, type ChatMessage } from "./prompts/render.js";
export { extractJsonObject, removeTrailingCommas, type JsonExtraction } from "./parse/repair-json.js";
export {
  ErrorDetectionAnswerSchema,
  QueryAnalysisAnswerSchema,
  RatingSchema,
  pairRatingsSchema,
  querySpecificAnswerSchema,
  type PairErrorChecks,
  type PairQuerySpecific,
  type PairRatings,
  type QuerySpecificRequest,
} from "./parse/output-schemas.js";
export {
  DEFAULT_SAMPLING,
  errorDetectionCall,
  queryAnalysisCall,
  queryAwareRatingCall,
  queryFreeRatingCall,
  querySpecificCall,
  referenceAnswerCall,
  triggeredSections,
  type CallParams,
  type AnyCallSpec,
  type CallSpec,
  type PairTexts,
  type ParsedAnswer,
  type SamplingSettings,
  type TokenLogprob,
} from "./plan/calls.js";
export { runPairFlow, pairTexts, type CallRunner, type PairFlowOptions, type PairOutcome } from "./plan/pair-flow.js";
export { parsePairLine, parsePairsFile, UNLABELLED_SCENARIO, type AnnotationInput } from "./input/pairs.js";
export { approximateWordCount } from "./input/word-count.js";
export { toPairRecord, toFeatureLine, type PairAnswers } from "./resolve/to-pair-record.js";
export { PRICES, BATCH_PRICE_FACTOR, costOf, estimateTokens, parsePrice, priceFor, type ModelPrice, type TokenUsage } from "./pricing.js";
export { estimateRun, plannedCalls, ASSUMED_OUTPUT_TOKENS, type DryRunEstimate } from "./plan/dry-run.js";
