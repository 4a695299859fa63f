/**
 * @prefdissect/figures: Vega-Lite spec builders for the paper's figures and the refit/dataset
 * figures, and rendering a spec to SVG. Pure and browser-safe; rasterising to PNG and writing a
 * figure's files live in the Node-only entry `@prefdissect/figures/node`.
 */
export { FIGURE_CONFIG, FONT_FAMILY, JUDGE_COLOURS, judgeColour } from "./theme.js";
export { PROPERTY_LABELS, propertyLabel, judgeLabel, groupLabel, safeJudgeLabel, safeGroupLabel } from "./labels.js";
export { describeSource, DEFAULT_SOURCE_LABEL } from "./source.js";
export { figureTitle, type FigureOptions, type FigureTitle } from "./options.js";
export { inlineValues, type FigureDefinition, type FigureInputKind } from "./figure.js";
export { rowsToJson } from "./rows-json.js";
export { renderSvg, normalizeSvg } from "./render.js";
export { FIGURES } from "./catalog.js";
export { withPreference, scenarioMeans, scenarioSimilarities, meanPairSimilarities, type PreferenceRow, type PairSimilarityRow } from "./steps.js";
export {
  communicationDissection,
  communicationDissectionRows,
  buildCommunicationDissectionSpec,
  FIG01_JUDGES,
  FIG01_GROUP,
  type CommunicationDissectionRow,
} from "./figures/fig01-communication-dissection.js";
export {
  topBottomProperties,
  topBottomPropertyRows,
  buildTopBottomPropertiesSpec,
  TABLE03_JUDGES,
  type TopBottomPropertyRow,
} from "./figures/table03-top-bottom-properties.js";
export {
  errorSensitivityTable,
  errorSensitivityRows,
  buildErrorSensitivitySpec,
  ERROR_SEVERITIES,
  type ErrorSeverity,
  type ErrorSensitivityRow,
} from "./figures/table04-error-sensitivity.js";
export { similarityHeatmap, similarityCellRows, buildSimilarityHeatmapSpec, type SimilarityCellRow } from "./figures/fig-similarity-heatmap.js";
export {
  sizeGroupSimilarityFigure,
  sizeGroupSimilarityRows,
  buildSizeGroupSimilaritySpec,
  PAPER_SIZE_GROUP_SIMILARITY,
  type SizeGroupComparison,
  type SizeGroupSimilarityRow,
} from "./figures/fig-size-group-similarity.js";
export {
  alignmentSimilarity,
  alignmentSimilarityRows,
  buildAlignmentSimilaritySpec,
  PAPER_ALIGNMENT_RANGE,
  type AlignmentPanel,
  type AlignmentSimilarityRow,
} from "./figures/fig06-alignment-similarity.js";
export {
  gameabilityFigure,
  gameabilityRows,
  buildGameabilitySpec,
  FIG07_JUDGES,
  FIG07_PROPERTIES_PER_END,
  type GameabilityFigureInput,
  type GameabilityGain,
  type GameabilityRow,
  type ReportedManipulationShift,
} from "./manipulation/fig07-gameability.js";
export { describeDataset, markSynthetic, SYNTHETIC_PREFIX } from "./data/dataset-source.js";
export { dataMeanRatings, meanRatingRows, buildMeanRatingsSpec, PAPER_MEAN_RATINGS, type MeanRatingRow } from "./data/mean-ratings.js";
export { dataLabelBalance, labelBalanceRows, buildLabelBalanceSpec, type LabelBalanceRow } from "./data/label-balance.js";
export { dataPropertyCorrelation, propertyCorrelationRows, buildPropertyCorrelationSpec, type PropertyCorrelationRow } from "./data/property-correlation.js";
export { columnCorrelations } from "./data/pearson-columns.js";
export {
  refitPreferenceIntervals,
  preferenceIntervalRows,
  buildPreferenceIntervalsSpec,
  type PreferenceIntervalRow,
  type PreferenceIntervalOptions,
} from "./refit/preference-intervals.js";
export {
  refitSimilarityIntervals,
  similarityIntervalRows,
  buildSimilarityIntervalsSpec,
  intervalJudges,
  SIMILARITY_INTERVAL_REFERENCES,
  type SimilarityIntervalRow,
  type SimilarityIntervalInput,
} from "./refit/similarity-intervals.js";
export {
  preferenceStrength,
  preferenceAgreement,
  certaintyRows,
  agreementRows,
  buildPreferenceStrengthSpec,
  buildPreferenceAgreementSpec,
  CERTAINTY_BINS,
  type StrengthRun,
  type StrengthVerdict,
  type CertaintyRow,
  type AgreementRow,
} from "./judges/preference-strength.js";
export { weightCoverage, judgesCovering, coverageSentence, coverageCounts, type WeightCoverage } from "./coverage/weight-coverage.js";
export { viewGroupLabel, viewJudgeLabel, inGroupPhrase, distinctJudgeColours } from "./explore/labels.js";
export {
  dissectionRows,
  buildDissectionSpec,
  DISSECTION_COLUMNS,
  type DissectionRow,
  type DissectionSort,
  type DissectionSpecOptions,
  type PreferenceIntervalEntry,
} from "./explore/dissection.js";
export { similarityMatrixRows, buildSimilarityMatrixSpec, type JudgeOrder, type SimilarityMatrixSpecOptions } from "./explore/similarity-matrix.js";
export { pairWaterfallRows, buildPairWaterfallSpec, type PairWaterfallRow } from "./explore/pair-waterfall.js";
export { judgeSimilarityRows, buildJudgeSimilaritySpec, judgePreferenceMapRows, buildJudgePreferenceMapSpec } from "./explore/judge-placement.js";
