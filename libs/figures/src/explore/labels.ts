/**
 * Names and colours for the interactive views, where judges added by a user (ids outside the
 * catalog) and the scenario mean appear beside the paper's judges and groups.
 */
import { SCENARIO_MEAN } from "@prefdissect/similarity";
import { safeGroupLabel, safeJudgeLabel } from "../labels.js";
import { JUDGE_COLOURS } from "../theme.js";

/** Display name of a group id, `mean` included. */
export function viewGroupLabel(group: string): string {
  return group === SCENARIO_MEAN ? "Mean of the 11 scenarios" : safeGroupLabel(group);
}

/** "in Code", or "averaged over the 11 scenarios" for `mean`: the group as part of a sentence. */
export function inGroupPhrase(group: string): string {
  return group === SCENARIO_MEAN ? "averaged over the 11 scenarios" : `in ${safeGroupLabel(group)}`;
}

/** Display name of a judge id; an id outside the catalog (an added judge) is its own name. */
export const viewJudgeLabel = safeJudgeLabel;

/** Colours for judges that have none of their own (Tableau 10 without the three the paper's judges use). */
const PALETTE = ["#9467bd", "#d62728", "#17becf", "#8c564b", "#e377c2", "#bcbd22", "#1f77b4", "#ff7f0e", "#2ca02c", "#7f7f7f"];

/** One distinct colour per judge: the paper's judges keep theirs, the others take the palette in order. */
export function distinctJudgeColours(judges: readonly string[]): string[] {
  let next = 0;
  return judges.map((judge) => JUDGE_COLOURS[judge] ?? PALETTE[next++ % PALETTE.length]!);
}
