/**
 * @prefdissect/judges — add a judge beside the paper's 33: ask any model which of two responses
 * is better, read its verdict from the first token's log-probabilities in both orders, and place
 * the judge fitted from those labels. This entry is browser-safe: the comparison prompt, reading
 * verdicts, combining orders, position bias and the file formats. Collecting from a server, the
 * scripted judge of the loopback server and writing a placement live in `@prefdissect/judges/node`.
 */
export {
  COMPARISON_PROMPT,
  PAIR_ORDERS,
  comparisonInputs,
  renderComparison,
  readComparison,
  type ComparisonPrompt,
  type JudgeEndpoint,
  type PairOrder,
  type ShownComparison,
} from "./prompts/comparison.js";
export { letterOfToken, letterOfAnswer, readFirstToken, type FirstTokenVerdict, type LetterProbability, type ShownLetter } from "./reading/choice-tokens.js";
export {
  combineOrders,
  countVerdicts,
  positionBias,
  tieBreakLabel,
  type OrderPick,
  type OrderVerdict,
  type PairVerdict,
  type PositionBias,
  type VerdictCounts,
} from "./reading/orders.js";
export { comparisonCall, DEFAULT_TOP_LOGPROBS, SAMPLED_MAX_TOKENS, type CollectSettings, type OrderReading, type ReadingMode } from "./comparison-call.js";
export {
  COLLECT_SUMMARY_TAG,
  CollectSummarySchema,
  LogprobsLineSchema,
  COLLECT_SUMMARY_FILE,
  LOGPROBS_FILE,
  logprobsLine,
  pairVerdicts,
  type CollectSummary,
  type LogprobsLine,
} from "./collect-files.js";
export {
  PLACEMENT_TAG,
  PLACEMENT_FILE,
  PlacementSchema,
  judgeOrderWith,
  judgesInAllScenarios,
  placeJudge,
  type JudgePlacement,
  type PlaceJudgeInput,
} from "./placement/placement.js";
export { placementMarkdown } from "./placement/markdown.js";
