/** Node-only entry: durable fit storage and weight files. */
export { fingerprintOf, fitPath, loadFit, saveFit, type StoredFit, type LoadOutcome } from "./node/store.js";
export { writeWeightSet } from "./node/weights-files.js";
