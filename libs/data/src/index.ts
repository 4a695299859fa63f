export * from "./catalog/index.js";
export { ManifestEntrySchema, ManifestSchema, MANIFEST_FILE, parseManifest, weightsArtifactId, type Manifest, type ManifestEntry } from "./manifest.js";
export {
  FittedParamsLineSchema,
  WEIGHTS_FILE,
  ADDED_WEIGHTS_FILE,
  GROUP_INDEX_FILE,
  LABELS_FILE,
  weightsFileName,
  weightsFileGroup,
  parseFittedParams,
  parseWeightsFiles,
  formatFittedParams,
  parseGroupIndex,
  parseLabelsFile,
  formatLabelsFile,
  addedJudgeIds,
  withAddedJudges,
  type WeightsFileJudges,
  type TextFile,
  type FittedParamsLine,
  type WeightSet,
  type Label,
} from "./released.js";
export { weightsTable, type WeightsTableSelection } from "./weights-table.js";
export * from "./dataset/index.js";
