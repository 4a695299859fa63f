/**
 * @prefdissect/figures: Vega-Lite spec builders for the paper's figures. Pure and browser-safe;
 * rendering to SVG/PNG lives in the Node-only entry `@prefdissect/figures/node`.
 */
export { FIGURE_CONFIG, FONT_FAMILY, JUDGE_COLOURS, judgeColour } from "./theme.js";
export { PROPERTY_LABELS, JUDGE_LABELS, GROUP_LABELS, propertyLabel, judgeLabel, groupLabel } from "./labels.js";
export { describeSource, DEFAULT_SOURCE_LABEL } from "./source.js";
export { figureTitle, type FigureOptions, type FigureTitle } from "./options.js";
export { inlineValues, type FigureDefinition } from "./figure.js";
export { rowsToJson } from "./rows-json.js";
export { FIGURES, figureByName } from "./catalog.js";
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
