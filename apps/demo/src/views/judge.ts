/**
 * ?view=judge&judge=<judge>
 * One judge's profile: top-3 and bottom-3 properties in every group (the paper's Table 3 for any
 * judge), its Table 4 row, its most and least similar judges and its place between the size groups.
 */
import { SCENARIO_IDS } from "@prefdissect/data";
import {
  buildJudgePreferenceMapSpec,
  buildJudgeSimilaritySpec,
  DISSECTION_COLUMNS,
  judgePreferenceMapRows,
  judgeSimilarityRows,
  rowsToJson,
  viewGroupLabel,
  viewJudgeLabel,
} from "@prefdissect/figures";
import { judgeProfile, type JudgeProfile, type SimilarJudge } from "@prefdissect/similarity";
import type { AppContext } from "../app.js";
import { chart } from "../chart.js";
import { download, fileName, formatNumber, h } from "../dom.js";
import { hasWeights, judgeSelect, section, viewHeader, columnHeads } from "./common.js";

/** The profile as downloaded: ids and numbers only. */
export function profileJson(profile: JudgeProfile): string {
  const ranked = (list: JudgeProfile["groups"][number]["top"]) =>
    list.map((entry) => ({ property: entry.property.name, propertyIndex: entry.property.index, preference: entry.preference }));
  return `${JSON.stringify(
    {
      judge: profile.judge,
      groups: profile.groups.map((entry) => ({ group: entry.group, top: ranked(entry.top), bottom: ranked(entry.bottom) })),
      errorSensitivity: profile.errorSensitivity,
      mostSimilar: profile.mostSimilar,
      leastSimilar: profile.leastSimilar,
      sizeGroups: profile.sizeGroups,
    },
    null,
    2,
  )}\n`;
}

function judgeList(context: AppContext, entries: readonly SimilarJudge[], label: string): HTMLElement {
  return h(
    "ol",
    { class: "judge-list", "aria-label": label },
    entries.map((entry) =>
      h(
        "li",
        {},
        h("a", { href: context.link({ view: "judge", judge: entry.judge }) }, viewJudgeLabel(entry.judge)),
        " ",
        h("span", { class: "value" }, formatNumber(entry.similarity, 3)),
      ),
    ),
  );
}

const percent = (value: number) => `${formatNumber(value, 1)} %`;

export function judgeView(context: AppContext): HTMLElement {
  const { state, store } = context;
  const weights = store.weights();
  const others = store.judgeIds().filter((judge) => hasWeights(weights, judge, "mean"));
  const judge = state.judge;
  const header = viewHeader(
    "One judge's profile",
    "What the judge rewards and penalises in every group, how it reacts to errors (Table 4), and which judges it resembles.",
  );
  const picker = h("div", { class: "controls" }, judgeSelect(context, "Judge", store.judgeIds()));
  if (!SCENARIO_IDS.every((group) => weights.get(group)?.has(judge))) {
    context.alert(`Judge "${judge}" lacks weights in some of the 11 scenarios, so its similarities cannot be computed.`);
    return h("div", { class: "view", "data-view": "judge" }, header, picker);
  }
  const profile = judgeProfile(weights, judge, { others });
  const label = viewJudgeLabel(judge);
  const nearest = profile.mostSimilar[0]!;
  const { small, large, resembles } = profile.sizeGroups;

  const similarityRows = judgeSimilarityRows(profile);
  const similarityChart = chart(buildJudgeSimilaritySpec(similarityRows, { sourceLabel: context.sourceLabel([judge, ...others]) }), {
    name: fileName("judge", judge, "similarity"),
    title: `${label}'s similarity to every judge`,
    rows: similarityRows,
    json: () => rowsToJson(similarityRows, ["judgeA", "judgeALabel", "judgeB", "judgeBLabel", "similarity"]),
  });
  const mapRows = judgePreferenceMapRows(weights, judge);
  const mapChart = chart(buildJudgePreferenceMapSpec(mapRows, { sourceLabel: context.sourceLabel([judge]) }), {
    name: fileName("judge", judge, "preferences"),
    title: `${label}'s P(p) in every group`,
    rows: mapRows,
    json: () => rowsToJson(mapRows, DISSECTION_COLUMNS),
  });

  const ranked = (list: JudgeProfile["groups"][number]["top"]) =>
    h(
      "ol",
      { class: "ranked" },
      list.map((entry) => h("li", {}, entry.property.name, " ", h("span", { class: "value" }, percent(entry.preference)))),
    );

  return h(
    "div",
    { class: "view", "data-view": "judge" },
    header,
    picker,
    section(
      `${label} at a glance`,
      h(
        "p",
        { class: "summary", "data-nearest": nearest.judge },
        `Most similar judge: `,
        h("strong", {}, viewJudgeLabel(nearest.judge)),
        ` (${formatNumber(nearest.similarity, 3)}). Mean similarity to the open models of at most 14B: ${formatNumber(small, 3)}; above 30B: ${formatNumber(large, 3)}. `,
        `It resembles the ${resembles === "small" ? "≤ 14B" : "> 30B"} models more.`,
      ),
      h(
        "div",
        { class: "two-columns" },
        h("div", {}, h("h3", {}, "5 most similar"), judgeList(context, profile.mostSimilar, "Most similar judges")),
        h("div", {}, h("h3", {}, "5 least similar"), judgeList(context, profile.leastSimilar, "Least similar judges")),
      ),
      h(
        "p",
        {},
        h(
          "button",
          {
            type: "button",
            class: "secondary",
            onclick: () => download(`${fileName("profile", judge)}.json`, new Blob([profileJson(profile)], { type: "application/json" })),
          },
          "Download the profile (JSON)",
        ),
      ),
    ),
    section(
      "Sensitivity to errors (Table 4)",
      h("p", {}, "P(p) of having no errors of each severity, mean over the 11 scenarios: how strongly the judge punishes a response for its errors."),
      h(
        "table",
        { class: "compact" },
        columnHeads("judge", "no minor errors", "no moderate errors", "no severe errors"),
        h(
          "tbody",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "row" }, label),
            h("td", {}, percent(profile.errorSensitivity.minor)),
            h("td", {}, percent(profile.errorSensitivity.moderate)),
            h("td", {}, percent(profile.errorSensitivity.severe)),
          ),
        ),
      ),
    ),
    section(
      "Top-3 and bottom-3 properties per group (Table 3)",
      h(
        "div",
        { class: "table-scroll", tabindex: 0, role: "region", "aria-label": "Top and bottom properties per group" },
        h(
          "table",
          { class: "top-bottom" },
          columnHeads("group", "rewarded most", "penalised most"),
          h(
            "tbody",
            {},
            profile.groups.map((entry) =>
              h("tr", {}, h("th", { scope: "row" }, viewGroupLabel(entry.group)), h("td", {}, ranked(entry.top)), h("td", {}, ranked(entry.bottom))),
            ),
          ),
        ),
      ),
    ),
    section("Similarity to every judge", similarityChart.element),
    section("P(p) in every group", mapChart.element),
  );
}
