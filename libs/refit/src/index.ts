export { heldOutAccuracy, type HeldOutFold } from "./accuracy.js";
export { compareWeightSets, summariseComparison, type WeightComparison, type ComparisonSummary } from "./compare.js";
export { preferenceIntervals, similarityInterval, quantile, fastPearson, type Draws, type Interval } from "./uncertainty.js";
export { refitReportSection, recoveryOf, RECOVERY_THRESHOLD, type RefitSummary, type Recovery } from "./report-section.js";
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
