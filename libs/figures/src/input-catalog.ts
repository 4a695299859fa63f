import type { InputFigureDefinition } from "./input-figure.js";
import { dataMeanRatings } from "./data/mean-ratings.js";
import { dataLabelBalance } from "./data/label-balance.js";
import { dataPropertyCorrelation } from "./data/property-correlation.js";
import { refitPreferenceIntervals } from "./refit/preference-intervals.js";
import { refitSimilarityIntervals } from "./refit/similarity-intervals.js";

/**
 * The figures drawn from a dataset or a refit's intervals rather than from a weight set. They are
 * kept apart from `FIGURES`, whose rows read weights, and are drawn by the `data-statistics` and
 * `refit-uncertainty` notebooks.
 */
export const INPUT_FIGURES: readonly InputFigureDefinition<any, any>[] = [
  dataMeanRatings,
  dataLabelBalance,
  dataPropertyCorrelation,
  refitPreferenceIntervals,
  refitSimilarityIntervals,
];
