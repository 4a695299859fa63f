import { table, type ColumnTable } from "arquero";
import { PROPERTIES } from "./catalog/properties.js";
import type { WeightSet } from "./released.js";

/**
 * Long-format table of a weight set: one row per (group, judge, property) with columns
 * `group`, `judge`, `property` (short name), `propertyIndex` and `weight`.
 */
export function weightsTable(ws: WeightSet): ColumnTable {
  const group: string[] = [];
  const judge: string[] = [];
  const property: string[] = [];
  const propertyIndex: number[] = [];
  const weight: number[] = [];
  for (const [groupId, judges] of ws) {
    for (const [judgeId, weights] of judges) {
      weights.forEach((w, k) => {
        group.push(groupId);
        judge.push(judgeId);
        property.push(PROPERTIES[k]!.name);
        propertyIndex.push(k);
        weight.push(w);
      });
    }
  }
  return table({ group, judge, property, propertyIndex, weight });
}
