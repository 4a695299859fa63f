/**
 * ?view=similarity&group=<group|mean>&order=size|cluster[&compare=<judge>,<judge>]
 * The judge-by-judge similarity matrix (added judges included); a click on a cell (or the two
 * selects below it) opens the two judges' comparison.
 */
import type { SimilarityCellRow } from "@prefdissect/figures";
import {
  buildDissectionSpec,
  buildSimilarityMatrixSpec,
  dissectionRows,
  inGroupPhrase,
  rowsToJson,
  similarityMatrixRows,
  viewGroupLabel,
  viewJudgeLabel,
} from "@prefdissect/figures";
import { SCENARIO_IDS } from "@prefdissect/data";
import { SCENARIO_MEAN, judgeSimilarity, preferenceGaps } from "@prefdissect/similarity";
import type { AppContext } from "../app.js";
import { chart } from "../chart.js";
import { fileName, formatNumber, h, labelledSelect } from "../dom.js";
import { groupOptions, hasWeights, judgeOptions, section, viewHeader, columnHeads } from "./common.js";
import { dissectionJson, legendColumns } from "./dissection.js";

const SIMILARITY_COLUMNS = ["judgeA", "judgeALabel", "judgeB", "judgeBLabel", "similarity"] as const;

function comparison(context: AppContext, a: string, b: string): HTMLElement {
  const { state, store } = context;
  const weights = store.weights();
  const groups = state.group === SCENARIO_MEAN ? SCENARIO_IDS : [state.group];
  const similarity = judgeSimilarity(weights, a, b, groups);
  const rows = dissectionRows(weights, [a, b], state.group, store.intervals());
  const gaps = preferenceGaps(weights, a, b, state.group).slice(0, 5);
  const figure = chart(buildDissectionSpec(rows, { legendColumns: legendColumns(), sourceLabel: context.sourceLabel([a, b]) }), {
    name: fileName("comparison", a, b, state.group),
    title: `the comparison of ${viewJudgeLabel(a)} and ${viewJudgeLabel(b)}`,
    rows,
    json: () => dissectionJson(rows),
  });
  return section(
    `${viewJudgeLabel(a)} and ${viewJudgeLabel(b)} ${inGroupPhrase(state.group)}`,
    h("p", { "data-similarity": similarity.toFixed(6) }, `Similarity ${formatNumber(similarity, 3)}. The properties where they differ most:`),
    h(
      "table",
      { class: "compact" },
      h("caption", { class: "visually-hidden" }, "The five properties with the largest gap in P(p)"),
      columnHeads("property", viewJudgeLabel(a), viewJudgeLabel(b), "gap"),
      h(
        "tbody",
        {},
        gaps.map((gap) =>
          h(
            "tr",
            {},
            h("th", { scope: "row" }, gap.property.name),
            h("td", {}, `${formatNumber(gap.preferenceA, 1)} %`),
            h("td", {}, `${formatNumber(gap.preferenceB, 1)} %`),
            h("td", {}, `${gap.gap >= 0 ? "+" : ""}${formatNumber(gap.gap, 1)}`),
          ),
        ),
      ),
    ),
    figure.element,
  );
}

export function similarityView(context: AppContext): HTMLElement {
  const { state, store } = context;
  const weights = store.weights();
  const judges = store.judgeIds().filter((judge) => hasWeights(weights, judge, state.group));
  const rows: SimilarityCellRow[] = similarityMatrixRows(weights, judges, state.group, state.order);
  const matrix = chart(buildSimilarityMatrixSpec(rows, { group: state.group, cell: judges.length > 40 ? 20 : 24, sourceLabel: context.sourceLabel(judges) }), {
    name: fileName("similarity", state.group, state.order),
    title: `the similarity matrix of ${viewGroupLabel(state.group)}`,
    rows,
    json: () => rowsToJson(rows, SIMILARITY_COLUMNS),
    scroll: true,
  });
  void matrix.ready.then(({ view }) => {
    view.addEventListener("click", (_event, item) => {
      const datum = (item as { datum?: { judgeA?: string; judgeB?: string } } | null | undefined)?.datum;
      if (datum?.judgeA && datum.judgeB) context.navigate({ compare: [datum.judgeA, datum.judgeB] });
    });
  });

  const [first, second] = state.compare ?? ["human", "gpt-4-1106-preview"];
  const compareA = labelledSelect("Compare", first, judgeOptions(judges), () => undefined, "compare-a");
  const compareB = labelledSelect("with", second, judgeOptions(judges), () => undefined, "compare-b");
  const compareButton = h(
    "button",
    {
      type: "button",
      onclick: () => {
        const a = compareA.querySelector("select")!.value;
        const b = compareB.querySelector("select")!.value;
        context.navigate({ compare: [a, b] });
      },
    },
    "Compare",
  );
  const compared =
    state.compare !== null && state.compare.every((judge) => judges.includes(judge)) ? comparison(context, state.compare[0], state.compare[1]) : null;
  return h(
    "div",
    { class: "view", "data-view": "similarity" },
    viewHeader(
      "How alike are the judges?",
      "The similarity of two judges is the Pearson correlation of their 29 weights, in one group or averaged over the 11 scenarios (the paper's measure). Click a cell to compare two judges.",
    ),
    h(
      "div",
      { class: "controls" },
      labelledSelect("Group", state.group, groupOptions(true), (group) => context.navigate({ group }), "group"),
      labelledSelect(
        "Order judges by",
        state.order,
        [
          ["size", "model size (paper)"],
          ["cluster", "similarity (clustered)"],
        ],
        (order) => context.navigate({ order: order as "size" | "cluster" }),
        "order",
      ),
    ),
    matrix.element,
    h("div", { class: "controls" }, compareA, compareB, compareButton),
    compared,
  );
}
