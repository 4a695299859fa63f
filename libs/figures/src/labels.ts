/**
 * Display labels for properties, judges and groups, taken from the data catalogs so every figure
 * spells a name and orders ids the same way.
 */
import { PROPERTIES, judgeById, groupById } from "@prefdissect/data";

/** Short property names as used in the paper's figures, by weight-vector index. */
export const PROPERTY_LABELS: readonly string[] = PROPERTIES.map((property) => property.name);

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

/** Display name of a judge id, or the id itself for a judge outside the paper's catalog (a user's own data). */
export function safeJudgeLabel(judgeId: string): string {
  try {
    return judgeLabel(judgeId);
  } catch {
    return judgeId;
  }
}

/** Display name of a group id, or the id itself for a group outside the paper's catalog. */
export function safeGroupLabel(groupId: string): string {
  try {
    return groupLabel(groupId);
  } catch {
    return groupId;
  }
}

/** The `present` ids in `catalog` order, then those the catalog lacks, alphabetically. */
export function inCatalogOrder(present: Iterable<string>, catalog: readonly string[]): string[] {
  const ids = new Set(present);
  return [...catalog.filter((id) => ids.has(id)), ...[...ids].filter((id) => !catalog.includes(id)).sort()];
}

/** "A", "A and B", "A, B and C". */
export function listInWords(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

/** A small count in words ("three"), larger ones in digits. */
export function countInWords(count: number): string {
  return NUMBER_WORDS[count] ?? String(count);
}
