/**
 * Node-only entry of @prefdissect/manipulation: reading questions, system messages, weights and a
 * refit's draws, and answering benchmark questions through the annotator's client and cache.
 */
export {
  loadQuestions,
  loadMtBenchReferenceAnswers,
  readSystemPrompt,
  loadJudgeWeights,
  loadJudgeDraws,
  loadGameabilityData,
  MT_BENCH,
  SYNTHETIC_DATA,
  type SystemPrompt,
  type JudgeWeights,
} from "./node/inputs.js";
export { generateAnswers, modelIdFor, FASTCHAT_BENCH, type GenerateOptions, type GenerateSummary, type GeneratedVariant } from "./node/generate.js";
