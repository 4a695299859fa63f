import type { FigureDefinition } from "./figure.js";
import { communicationDissection } from "./figures/fig01-communication-dissection.js";
import { topBottomProperties } from "./figures/table03-top-bottom-properties.js";
import { errorSensitivityTable } from "./figures/table04-error-sensitivity.js";
import { similarityHeatmap } from "./figures/fig-similarity-heatmap.js";
import { sizeGroupSimilarityFigure } from "./figures/fig-size-group-similarity.js";
import { alignmentSimilarity } from "./figures/fig06-alignment-similarity.js";

/** Every figure the project draws, in paper order. Each has a notebook of the same name. */
export const FIGURES: readonly FigureDefinition<any>[] = [
  communicationDissection,
  topBottomProperties,
  errorSensitivityTable,
  similarityHeatmap,
  sizeGroupSimilarityFigure,
  alignmentSimilarity,
];

