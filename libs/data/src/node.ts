/** Node-only entry of @prefdissect/data: file system, downloads, repository paths. */
export { repoRoot, dataDir, manifestPath } from "./node/paths.js";
export { fetchArtifact, artifactPath, mirrorPath, sha256, type FetchEvent, type FetchOptions } from "./node/fetcher.js";
export {
  loadManifest,
  manifestEntry,
  defaultArtifactIds,
  fetchArtifacts,
  readArtifactText,
  loadReleasedWeights,
  loadWeights,
  refitDir,
  refitWeightsDir,
  type ArtifactOptions,
  type WeightsSource,
} from "./node/artifacts.js";
export { writeFileAtomic, readTextFile, readFormatFile, writeFormatFile, type AtomicWriteOptions } from "./node/files.js";
export { readWeightsDirectory, readAddedJudges, writeWeightsDirectory, readLabelsFile, writeLabelsFile } from "./node/released-files.js";
export * from "./dataset/node.js";
