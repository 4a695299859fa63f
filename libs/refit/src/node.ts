/** Node-only entry: durable fit storage, the refit run and its files. */
export { fingerprintOf, fitPath, loadFit, saveFit, readFitDraws, type StoredFit, type LoadOutcome } from "./node/store.js";
export { readRefitSummary, writeRefitSummary, readRefitIntervals, writeRefitIntervals } from "./node/files.js";
export { runRefit, pooledAccuracy, PAPER_REFIT_SETTINGS, type RefitOptions, type RefitProgress, type RefitResult } from "./node/run.js";
export { poolJudgeFitRunner } from "./node/judge-fit-runner.js";
