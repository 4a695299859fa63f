/**
 * @prefdissect/manipulation: auditing how far a judge can be gamed (paper §4.3). Browser-safe:
 * choosing the properties to push and the system message, the gameability estimate, labelling
 * DPO pairs with a judge's regression, reading benchmark questions, the benchmarks' file formats
 * and the comparison of judged runs. Model calls and files are in `@prefdissect/manipulation/node`.
 */
export { propertyDefinition, PROPERTY_DEFINITIONS } from "./guidance.js";
export {
  selectTargets,
  systemPromptFor,
  requireWeights,
  judgeName,
  describeGroup,
  MANIPULATION_MODES,
  MAX_TARGETS,
  type ManipulationMode,
  type TargetProperty,
  type SkippedProperty,
  type TargetSelection,
  type TargetOptions,
} from "./targets.js";
export {
  winRateGains,
  groupRows,
  estimateGameability,
  rankGains,
  type PropertyGain,
  type GroupGameability,
  type GameabilityOptions,
  type GameabilityRow,
} from "./gameability.js";
export { labelDpoPairs, DEFAULT_MIN_MARGIN, type DpoPair, type DpoOptions, type DpoGroupCount, type DpoLabelling } from "./dpo.js";
export { parseQuestions, type BenchmarkQuestion, type QuestionFormat, type QuestionSet } from "./questions.js";
export { answerCall, ANSWER_PROMPT_ID, ANSWER_PROMPT_VERSION, DEFAULT_ANSWER_SETTINGS, type AnswerSettings } from "./answers.js";
export { fastChatScores, alpacaEvalWinRates, type ModelScore, type WinRate } from "./compare.js";
export { PAPER_REPORTED_SHIFTS, PAPER_DPO_PAIRS, PAPER_SHIFTS_LABEL, type ReportedShift } from "./paper-shifts.js";
export * from "./formats.js";
