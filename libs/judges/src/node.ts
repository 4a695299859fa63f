/**
 * Node-only entry of @prefdissect/judges: reading the pairs' texts from any dataset file,
 * collecting a judge's verdicts from an OpenAI-compatible server (through the annotator's client,
 * cache and executor), and the scripted judge the loopback server imitates a weight vector with.
 */
export { readComparisonPairs, type ComparisonData, type ComparisonPair } from "./node/comparison-pairs.js";
export { collectJudge, type CollectOptions, type CollectResult } from "./node/collect.js";
export { scriptedJudge, scriptedPreference, type ScriptedJudgeOptions } from "./node/scripted-judge.js";
export { addJudge, PLACEMENT_CHARTS, type AddJudgeOptions, type AddJudgeResult } from "./node/add.js";
export { readLogprobsFile, writeLogprobsFile, readCollectSummary, writeCollectSummary, readPlacement, writePlacement } from "./node/files.js";
