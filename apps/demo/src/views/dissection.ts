/**
 * ?view=dissection&group=<group|mean>&judges=<judge>,…&sort=property|preference
 * P(p) of the 29 properties for the chosen judges side by side in one group.
 */
import { buildDissectionSpec, DISSECTION_COLUMNS, dissectionRows, rowsToJson, viewGroupLabel, viewJudgeLabel, type DissectionRow } from "@prefdissect/figures";
import type { AppContext } from "../app.js";
import { chart } from "../chart.js";
import { fileName, h, labelledSelect, uniqueId } from "../dom.js";
import { groupOptions, hasWeights, judgeCategory, viewHeader } from "./common.js";

/** Rows as downloaded: the interval columns, when any row has them, on every row (null where absent). */
export function dissectionJson(rows: readonly DissectionRow[]): string {
  const withIntervals = rows.some((row) => row.low !== undefined);
  if (!withIntervals) return rowsToJson(rows, DISSECTION_COLUMNS);
  return rowsToJson(
    rows.map((row) => ({ ...row, low: row.low ?? null, high: row.high ?? null })),
    [...DISSECTION_COLUMNS, "low", "high"],
  );
}

/** Judges per legend row that fit the window's width. */
export function legendColumns(): number {
  return Math.max(1, Math.min(4, Math.floor((window.innerWidth - 40) / 230)));
}

function judgePicker(context: AppContext): HTMLElement {
  const { state, store } = context;
  const chosen = new Set(state.judges);
  const all = store.judgeIds();
  const categories = [...new Set(all.map(judgeCategory))];
  const toggle = (judge: string, on: boolean) => {
    const next = all.filter((id) => (id === judge ? on : chosen.has(id)));
    if (next.length === 0) {
      context.alert("Choose at least one judge: the dissection needs a judge to show.");
      return;
    }
    context.navigate({ judges: next });
  };
  return h(
    "details",
    { class: "picker" },
    h("summary", {}, `Judges (${state.judges.length} shown)`),
    h(
      "fieldset",
      {},
      h("legend", {}, "Judges to show"),
      categories.map((category) =>
        h(
          "div",
          { class: "picker-group" },
          h("p", { class: "picker-heading" }, category),
          all
            .filter((judge) => judgeCategory(judge) === category)
            .map((judge) => {
              const id = uniqueId("judge");
              return h(
                "div",
                { class: "check" },
                h("input", {
                  type: "checkbox",
                  id,
                  value: judge,
                  checked: chosen.has(judge),
                  onchange: (event) => toggle(judge, (event.target as HTMLInputElement).checked),
                }),
                h("label", { for: id }, viewJudgeLabel(judge)),
              );
            }),
        ),
      ),
    ),
  );
}

export function dissectionView(context: AppContext): HTMLElement {
  const { state, store } = context;
  const weights = store.weights();
  const missing = state.judges.filter((judge) => !hasWeights(weights, judge, state.group));
  for (const judge of missing)
    context.alert(`Judge "${judge}" has no weights in ${viewGroupLabel(state.group)} (its fit skipped that group), so it is left out of the chart.`);
  const judges = state.judges.filter((judge) => !missing.includes(judge));
  const rows = judges.length === 0 ? [] : dissectionRows(weights, judges, state.group, store.intervals());
  const shown = judges.length === 0 ? h("p", {}, "No chosen judge has weights in this group.") : null;
  const figure =
    rows.length === 0
      ? null
      : chart(buildDissectionSpec(rows, { sort: state.sort, legendColumns: legendColumns(), sourceLabel: context.sourceLabel(judges) }), {
          name: fileName("dissection", state.group),
          title: `the P(p) chart of ${viewGroupLabel(state.group)}`,
          rows,
          json: () => dissectionJson(rows),
        });
  return h(
    "div",
    { class: "view", "data-view": "dissection" },
    viewHeader(
      "Which properties does each judge reward?",
      "P(p) is the chance that a response wins when it is better than the other only in property p. Above 50 % the judge rewards the property, below 50 % it penalises it.",
    ),
    h(
      "div",
      { class: "controls" },
      labelledSelect("Group", state.group, groupOptions(true), (group) => context.navigate({ group }), "group"),
      labelledSelect(
        "Sort properties by",
        state.sort,
        [
          ["property", "property (paper order)"],
          ["preference", "P(p) of the first judge"],
        ],
        (sort) => context.navigate({ sort: sort as "property" | "preference" }),
        "sort",
      ),
      judgePicker(context),
    ),
    shown,
    figure?.element,
  );
}
