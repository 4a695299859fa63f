/** Node-only entry: durable fit storage and weight files. */
export { fingerprintOf, fitPath, loadFit, saveFit, type StoredFit, type LoadOutcome } from "./node/store.js";
export { writeWeightSet } from "./node/weights-files.js";
export { runRefit, pooledAccuracy, PAPER_REFIT_SETTINGS, type KFoldFitter, type RefitSettings, type RefitEntry, type RefitOptions, type RefitProgress, type RefitResult } from "./node/run.js";
