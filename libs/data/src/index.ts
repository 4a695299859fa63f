export * from "./catalog/index.js";
export { ManifestEntrySchema, ManifestSchema, parseManifest, weightsArtifactId, type Manifest, type ManifestEntry } from "./manifest.js";
export { parseFittedParams, parseGroupIndex, parseLabelsFile, weightsFileName, formatFittedParams, type WeightSet, type Label } from "./released.js";
export { weightsTable } from "./weights-table.js";
export * from "./dataset/index.js";
