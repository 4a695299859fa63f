import type { FigureDefinition } from "./figure.js";
import { communicationDissection } from "./figures/fig01-communication-dissection.js";
import { topBottomProperties } from "./figures/table03-top-bottom-properties.js";
import { errorSensitivityTable } from "./figures/table04-error-sensitivity.js";
import { similarityHeatmap } from "./figures/fig-similarity-heatmap.js";
import { sizeGroupSimilarityFigure } from "./figures/fig-size-group-similarity.js";
import { alignmentSimilarity } from "./figures/fig06-alignment-similarity.js";
import { gameabilityFigure } from "./manipulation/fig07-gameability.js";
import { dataMeanRatings } from "./data/mean-ratings.js";
import { dataLabelBalance } from "./data/label-balance.js";
import { dataPropertyCorrelation } from "./data/property-correlation.js";
import { refitPreferenceIntervals } from "./refit/preference-intervals.js";
import { refitSimilarityIntervals } from "./refit/similarity-intervals.js";
import { preferenceAgreement, preferenceStrength } from "./judges/preference-strength.js";

/**
 * Every figure the project draws: the paper's in paper order (Figure 7 from gameability
 * estimates, the others from weights), then the dataset statistics, the refit's intervals and the
 * strength of preference of collected judges. Each has a notebook of the same name, or shares one
 * (`data-statistics`, `refit-uncertainty`, `fig06-preference-strength`).
 */
export const FIGURES: readonly FigureDefinition<any, any>[] = [
  communicationDissection,
  topBottomProperties,
  errorSensitivityTable,
  similarityHeatmap,
  sizeGroupSimilarityFigure,
  alignmentSimilarity,
  gameabilityFigure,
  dataMeanRatings,
  dataLabelBalance,
  dataPropertyCorrelation,
  refitPreferenceIntervals,
  refitSimilarityIntervals,
  preferenceStrength,
  preferenceAgreement,
];
