/**
 * Bayesian logistic regression for the paper's preference weights: Bernoulli-logit likelihood,
 * no intercept, Laplace(0, b) prior on each weight, sampled with our own No-U-Turn sampler.
 * Browser-safe: no Node-only imports here (the worker pool is in `@prefdissect/regression/node`).
 */
export { validateProblem, type Problem, type ValidProblem } from "./problem.js";
export { fitPosterior, planFit, type FitOptions, type FitPlan } from "./fit.js";
export {
  fitKFold,
  planKFold,
  planKFoldFits,
  combineFolds,
  resolvePermutation,
  validatePermutation,
  type KFoldOptions,
  type KFoldFit,
  type FoldFit,
  type FoldPlan,
  type KFoldDiagnostics,
} from "./kfold.js";
export { fitPosteriorMode, type ModeOptions, type PosteriorMode } from "./mode.js";
export { summarizeChains, type PosteriorFit, type FitDiagnostics, type ChainDiagnostics, type FitSettingsEcho } from "./summary.js";
export { groupChainTasks, runChain, runChains, type ChainTask, type ChainResult } from "./chain.js";
export { DEFAULT_SAMPLER_SETTINGS, type SamplerSettings } from "./settings.js";
export { toSparseDesign, nonZeroCount, type SparseDesign } from "./design.js";
export { LogisticLaplacePotential, type PotentialKernel } from "./model/potential.js";
export type { BatchedPotential, GradientBatch } from "./nuts/batched-potential.js";
export { buildAdaptationSchedule, type AdaptWindow } from "./nuts/adaptation/schedule.js";
export { splitRhat, basicRhat } from "./diagnostics/rhat.js";
export { bulkEss, essOfMatrix } from "./diagnostics/ess.js";
export * as defaults from "./defaults.js";
