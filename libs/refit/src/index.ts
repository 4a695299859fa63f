export { heldOutAccuracy, type HeldOutFold } from "./accuracy.js";
export { compareWeightSets, summariseComparison, type WeightComparison, type ComparisonSummary } from "./compare.js";
export { preferenceIntervals, similarityInterval, quantile, fastPearson, type Draws, type Interval } from "./uncertainty.js";
export { refitReportSection, recoveryOf, RECOVERY_THRESHOLD, type Recovery } from "./report-section.js";
export {
  REFIT_SUMMARY_TAG,
  REFIT_INTERVALS_TAG,
  STORED_FIT_TAG,
  REFIT_SUMMARY_FILE,
  REFIT_INTERVALS_FILE,
  STORED_FIT_FILE,
  StoredFoldSchema,
  RefitSettingsSchema,
  RefitEntrySchema,
  RefitSummarySchema,
  RefitIntervalsSchema,
  StoredFitSchema,
  type RefitSettings,
  type RefitEntry,
  type RefitSummary,
  type RefitIntervals,
  type StoredFitEnvelope,
  type StoredFold,
} from "./formats.js";
export { parseShardSpec, assignShards, type ShardSpec } from "./shard.js";
export {
  fitJudge,
  runJudgeFitJob,
  resolveJudgeFitSettings,
  PAPER_JUDGE_FIT,
  MODE_JUDGE_FIT,
  SAME_THREAD_RUNNER,
  type FitJudgeOptions,
  type JudgeFit,
  type JudgeFitJob,
  type JudgeFitJobResult,
  type JudgeFitMethod,
  type JudgeFitProgress,
  type JudgeFitRunner,
  type JudgeFitSettings,
  type JudgeGroupFit,
  type JudgePreferenceInterval,
} from "./judge-fit.js";
