export {
  sigmoid,
  degreeOfPreference,
  rankProperties,
  weightsOf,
  meanPreference,
  errorSensitivity,
  type RankedProperty,
  type ErrorSensitivity,
} from "./preference.js";
export {
  pearson,
  groupSimilarity,
  judgeSimilarity,
  similarityMatrix,
  meanSimilarityWithin,
  meanSimilarityBetween,
  sizeGroupSimilarity,
  basePairSimilarities,
  type SimilarityMatrix,
  type SizeGroupSimilarity,
  type BasePairSimilarity,
} from "./similarity.js";
export { judgeProfile, type JudgeProfile, type JudgeProfileOptions, type GroupTopBottom, type SimilarJudge, type SizeGroupPlacement } from "./profile.js";
export { groupPreferences, preferenceGaps, SCENARIO_MEAN, type PreferenceGap } from "./scenario-mean.js";
export { explainPair, type PairExplanation, type PropertyTerm } from "./explanation.js";
export { clusterOrder } from "./cluster.js";
