/** Controls and helpers several views share. */
import { GROUPS, JUDGES, isJudgeId, judgeById, sizeGroup, type WeightSet } from "@prefdissect/data";
import { viewGroupLabel, viewJudgeLabel } from "@prefdissect/figures";
import { SCENARIO_IDS } from "@prefdissect/data";
import { SCENARIO_MEAN } from "@prefdissect/similarity";
import type { AppContext } from "../app.js";
import { h, labelledSelect } from "../dom.js";

/** Options of a group select: the scenarios, the query-specific cases and (optionally) their mean. */
export function groupOptions(withMean: boolean) {
  return [
    ...(withMean ? [[SCENARIO_MEAN, viewGroupLabel(SCENARIO_MEAN)] as const] : []),
    { group: "Scenarios", options: GROUPS.filter((g) => g.kind === "scenario").map((g) => [g.id, g.displayName] as const) },
    { group: "Query-specific cases", options: GROUPS.filter((g) => g.kind === "query-specific").map((g) => [g.id, g.displayName] as const) },
  ];
}

/** The kind a judge is listed under in pickers. */
export function judgeCategory(judge: string): string {
  if (!isJudgeId(judge)) return "Added in this browser";
  const entry = judgeById(judge);
  if (entry.kind === "human") return "Human";
  const size = sizeGroup(entry);
  return size === "small" ? "Open models ≤ 14B" : size === "large" ? "Open models > 30B" : "Proprietary";
}

/** Options of a judge select, grouped by kind. */
export function judgeOptions(judges: readonly string[]) {
  const categories = [...new Set(judges.map(judgeCategory))];
  return categories.map((category) => ({
    group: category,
    options: judges.filter((judge) => judgeCategory(judge) === category).map((judge) => [judge, viewJudgeLabel(judge)] as const),
  }));
}

/** A judge select that navigates to `{ judge }`. */
export function judgeSelect(context: AppContext, label: string, judges: readonly string[]): HTMLElement {
  return labelledSelect(label, context.state.judge, judgeOptions(judges), (judge) => context.navigate({ judge }), "judge");
}

/** True when `judge` has weights in `group` (for `mean`: in all 11 scenarios). */
export function hasWeights(weights: WeightSet, judge: string, group: string): boolean {
  const groups = group === SCENARIO_MEAN ? SCENARIO_IDS : [group];
  return groups.every((g) => weights.get(g)?.has(judge));
}

/** Judges in size order, added ones last: the order of every list of judges. */
export function orderedJudges(judges: Iterable<string>): string[] {
  const set = new Set(judges);
  return [...JUDGES.map((judge) => judge.id).filter((id) => set.has(id)), ...[...set].filter((id) => !isJudgeId(id))];
}

/** A section with a heading. */
export function section(title: string, ...children: (Node | string | null | undefined | false)[]): HTMLElement {
  return h("section", {}, h("h2", {}, title), ...children);
}

/** A table's header row: one column heading per title. */
export function columnHeads(...titles: string[]): HTMLElement {
  return h("thead", {}, h("tr", {}, ...titles.map((title) => h("th", { scope: "col" }, title))));
}

/** The view's heading and one-paragraph introduction. */
export function viewHeader(title: string, introduction: string): HTMLElement {
  return h("div", { class: "view-header" }, h("h2", { class: "view-title" }, title), h("p", { class: "lead" }, introduction));
}
