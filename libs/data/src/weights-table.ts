import { table, type ColumnTable } from "arquero";
import { PROPERTIES } from "./catalog/properties.js";
import { checkGroupIds, checkJudgeIds } from "./catalog/names.js";
import { addedJudgeIds, type WeightSet } from "./released.js";

/** Which part of a weight set to tabulate, in which order. */
export interface WeightsTableSelection {
  /** Groups, in this order (default: the weight set's). Unknown names are an error listing the valid ones. */
  readonly groups?: readonly string[];
  /**
   * Judges, in this order (default: each group's): the 33 and any added judge `ws` holds. Unknown
   * names are an error listing the valid ones.
   */
  readonly judges?: readonly string[];
}

/**
 * Long-format table of a weight set: one row per (group, judge, property) with columns `group`,
 * `judge`, `property` (short name), `propertyIndex` and `weight`, groups first, then judges, then
 * properties in released order. A selected judge without weights in a selected group has no rows.
 * @example weightsTable(ws, { groups: ["Communication"], judges: ["human"] }).numRows() // 29
 */
export function weightsTable(ws: WeightSet, selection: WeightsTableSelection = {}): ColumnTable {
  if (selection.groups !== undefined) checkGroupIds(selection.groups, "groups");
  if (selection.judges !== undefined) checkJudgeIds(selection.judges, "judges", addedJudgeIds(ws));
  const group: string[] = [];
  const judge: string[] = [];
  const property: string[] = [];
  const propertyIndex: number[] = [];
  const weight: number[] = [];
  for (const groupId of selection.groups ?? [...ws.keys()]) {
    const judges = ws.get(groupId);
    if (judges === undefined) continue;
    for (const judgeId of selection.judges ?? [...judges.keys()]) {
      judges.get(judgeId)?.forEach((w, k) => {
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
