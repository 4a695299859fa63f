/**
 * Browser-safe part of the dataset module: the PairRecord format, comparison features, groups,
 * the format parsers (over text or bytes) and the synthetic generator. File and network access
 * live in the Node entry (`@prefdissect/data/node`).
 */
export * from "./types.js";
export * from "./features.js";
export * from "./groups.js";
export * from "./dataset.js";
export * from "./compact.js";
export * from "./hf-schema.js";
export { hfRowToPair, pairToHfRow, parsePreferenceLabel, type RowWarnings } from "./hf-rows.js";
export * from "./hf-parquet.js";
export * from "./synth.js";
export * from "./resolved-jsonl.js";
export { parsePairsJsonl, formatPairsJsonl, parsePairsCsv, formatPairsCsv, PAIR_CSV_COLUMNS } from "./own-format.js";
export { parseCsv, formatCsv, type CsvRecord } from "./csv.js";
export * from "./group-check.js";
export * from "./labels.js";
export * from "./judge-labels.js";
export { FeatureRowSchema, FEATURES_FILE, formatFeatureRows, parseFeatureRows } from "./feature-file.js";
export * from "./open.js";
export * from "./annotation-values.js";
