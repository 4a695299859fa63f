/**
 * Display labels for properties, judges and groups, taken from the data catalogs so every figure
 * spells a name the same way.
 */
import { PROPERTIES, JUDGES, GROUPS, judgeById, groupById } from "@prefdissect/data";

/** Short property names as used in the paper's figures, by weight-vector index. */
export const PROPERTY_LABELS: readonly string[] = PROPERTIES.map((property) => property.name);

/** Judge display names by id, in size order. */
export const JUDGE_LABELS: ReadonlyMap<string, string> = new Map(JUDGES.map((judge) => [judge.id, judge.displayName]));

/** Group display names by id (11 scenarios, then 5 query-specific cases). */
export const GROUP_LABELS: ReadonlyMap<string, string> = new Map(GROUPS.map((group) => [group.id, group.displayName]));

/** Label of the property at `index` of a weight vector. */
export function propertyLabel(index: number): string {
  const label = PROPERTY_LABELS[index];
  if (label === undefined) throw new RangeError(`no property at index ${index} (expected 0–${PROPERTY_LABELS.length - 1})`);
  return label;
}

/** Display name of a judge id. */
export function judgeLabel(judgeId: string): string {
  return judgeById(judgeId).displayName;
}

/** Display name of a group id. */
export function groupLabel(groupId: string): string {
  return groupById(groupId).displayName;
}
