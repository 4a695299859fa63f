/**
 * Degree of preference (paper §4.1.1): the probability that a response is preferred when it beats
 * the other on property p alone, all else equal. With a no-intercept logistic model and a one-hot
 * comparison vector this is 100·σ(w_p): above 50 the judge likes the property, below 50 it
 * dislikes it.
 */
import { sigmoid } from "@prefdissect/shared";
import { ERROR_PROPERTY_INDICES, PROPERTIES, SCENARIO_IDS, type Property, type WeightSet } from "@prefdissect/data";

export { sigmoid };

/** P(p) in percent for a weight w_p. */
export function degreeOfPreference(weight: number): number {
  return 100 * sigmoid(weight);
}

export interface RankedProperty {
  readonly property: Property;
  readonly weight: number;
  /** Degree of preference in percent. */
  readonly preference: number;
}

/**
 * The `k` most and least preferred properties of one weight vector. `top` is sorted from the most
 * preferred down, `bottom` from the least preferred up. Ties keep the released property order.
 */
export function rankProperties(weights: readonly number[], k = 3): { top: RankedProperty[]; bottom: RankedProperty[] } {
  const ranked = weights
    .map((weight, index) => ({ property: PROPERTIES[index]!, weight, preference: degreeOfPreference(weight) }))
    .sort((a, b) => b.weight - a.weight || a.property.index - b.property.index);
  const bottom = [...ranked].reverse().slice(0, k);
  return { top: ranked.slice(0, k), bottom };
}

/** The weight vector of a judge in a group; throws naming both when absent. */
export function weightsOf(ws: WeightSet, group: string, judge: string): readonly number[] {
  const weights = ws.get(group)?.get(judge);
  if (weights === undefined) throw new RangeError(`no weights for judge "${judge}" in group "${group}"`);
  return weights;
}

export interface ErrorSensitivity {
  readonly minor: number;
  readonly moderate: number;
  readonly severe: number;
}

/** Mean over `groups` (default: the 11 scenarios) of a judge's degree of preference for one property. */
export function meanPreference(ws: WeightSet, judge: string, propertyIndex: number, groups: readonly string[] = SCENARIO_IDS): number {
  return groups.reduce((sum, group) => sum + degreeOfPreference(weightsOf(ws, group, judge)[propertyIndex]!), 0) / groups.length;
}

/**
 * Error sensitivity (paper Table 4): for each error severity, the mean over the scenarios of the
 * degree of preference for "no <severity> errors".
 */
export function errorSensitivity(ws: WeightSet, judge: string, groups: readonly string[] = SCENARIO_IDS): ErrorSensitivity {
  return {
    minor: meanPreference(ws, judge, ERROR_PROPERTY_INDICES.minor, groups),
    moderate: meanPreference(ws, judge, ERROR_PROPERTY_INDICES.moderate, groups),
    severe: meanPreference(ws, judge, ERROR_PROPERTY_INDICES.severe, groups),
  };
}
