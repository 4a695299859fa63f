/**
 * P(p) of a judge in one group, or averaged over the 11 scenarios (the group id `mean`), and the
 * properties on which two judges differ most. The demo's views and its downloads read these.
 */
import { PROPERTIES, SCENARIO_IDS, type Property, type WeightSet } from "@prefdissect/data";
import { degreeOfPreference, meanPreference, weightsOf } from "./preference.js";

/** The group id that stands for the mean over the 11 scenarios. */
export const SCENARIO_MEAN = "mean";

/** The weight and P(p) of every property of `judge` in `group`, or their means over the scenarios for `mean`. */
export function groupPreferences(ws: WeightSet, judge: string, group: string): { weight: number; preference: number }[] {
  if (group !== SCENARIO_MEAN) return weightsOf(ws, group, judge).map((weight) => ({ weight, preference: degreeOfPreference(weight) }));
  return PROPERTIES.map((property) => ({
    weight: SCENARIO_IDS.reduce((sum, scenario) => sum + weightsOf(ws, scenario, judge)[property.index]!, 0) / SCENARIO_IDS.length,
    preference: meanPreference(ws, judge, property.index),
  }));
}

export interface PreferenceGap {
  readonly property: Property;
  /** P(p) of the first and the second judge, percent. */
  readonly preferenceA: number;
  readonly preferenceB: number;
  /** preferenceA − preferenceB. */
  readonly gap: number;
}

/** Every property with both judges' P(p) in `group` (or `mean`), the largest absolute gap first. */
export function preferenceGaps(ws: WeightSet, a: string, b: string, group: string): PreferenceGap[] {
  const first = groupPreferences(ws, a, group);
  const second = groupPreferences(ws, b, group);
  return PROPERTIES.map((property) => {
    const preferenceA = first[property.index]!.preference;
    const preferenceB = second[property.index]!.preference;
    return { property, preferenceA, preferenceB, gap: preferenceA - preferenceB };
  }).sort((x, y) => Math.abs(y.gap) - Math.abs(x.gap) || x.property.index - y.property.index);
}
