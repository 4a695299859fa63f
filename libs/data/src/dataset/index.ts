/** Browser-safe part of the dataset module: the PairRecord format, comparison features, groups. */
export * from "./types.js";
export * from "./features.js";
export * from "./groups.js";
