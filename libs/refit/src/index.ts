export { heldOutAccuracy, type HeldOutFold } from "./accuracy.js";
export { compareWeightSets, summariseComparison, type WeightComparison, type ComparisonSummary } from "./compare.js";
export { preferenceIntervals, similarityInterval, quantile, fastPearson, type Draws, type Interval } from "./uncertainty.js";
export { refitReportSection, recoveryOf, RECOVERY_THRESHOLD, type RefitSummary, type Recovery } from "./report-section.js";
