/**
 * ?view=pair&index=<i>&judge=<judge>[&group=<group>][&browse=<group|all>][&q=<text>]
 * One annotated pair of the loaded dataset: the query, both responses, the 29 annotations side by
 * side with the comparison vector, and the judge's exact additive explanation of its predicted
 * preference (a waterfall of w_p·x_p), with the predicted P(A wins) and the recorded label.
 */
import { groupsOf, type FeatureRow, type PairRecord } from "@prefdissect/data";
import { buildPairWaterfallSpec, pairWaterfallRows, rowsToJson, viewGroupLabel, viewJudgeLabel } from "@prefdissect/figures";
import { explainPair } from "@prefdissect/similarity";
import { propertyAnnotations } from "@prefdissect/data";
import type { AppContext } from "../app.js";
import { chart } from "../chart.js";
import type { LoadedDataset } from "../dataset.js";
import { fileName, formatNumber, h, labelledSelect, uniqueId } from "../dom.js";
import { datasetBanner } from "./dataset-panel.js";
import { groupOptions, judgeSelect, section, viewHeader, columnHeads } from "./common.js";

const WATERFALL_COLUMNS = ["index", "judge", "group", "step", "propertyIndex", "feature", "weight", "contribution", "start", "end"] as const;
/** Pairs listed at once in the browser. */
const PAGE = 25;

function preview(text: string, length = 110): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

/** Indices of the pairs that match the browser's group filter and text search. */
function matchingPairs(dataset: LoadedDataset, browse: string, query: string): number[] {
  const needle = query.trim().toLowerCase();
  return dataset.features.rows
    .filter((row) => browse === "all" || row.groups.includes(browse))
    .filter((row) => needle === "" || (dataset.pairs?.[row.index]?.query.toLowerCase().includes(needle) ?? false))
    .map((row) => row.index);
}

function browser(context: AppContext, dataset: LoadedDataset): HTMLElement {
  const { state } = context;
  const matches = matchingPairs(dataset, state.browse, state.q);
  const searchId = uniqueId("search");
  let timer: ReturnType<typeof setTimeout> | undefined;
  const search = h("input", {
    id: searchId,
    type: "search",
    value: state.q,
    placeholder: "words in the query",
    disabled: dataset.pairs === null,
    oninput: (event) => {
      clearTimeout(timer);
      const value = (event.target as HTMLInputElement).value;
      timer = setTimeout(() => context.navigate({ q: value }, { replace: true }), 300);
    },
  });
  const position = matches.indexOf(state.index);
  const step = (delta: number) => {
    const next = matches[(position < 0 ? 0 : position + delta + matches.length) % matches.length];
    if (next !== undefined) context.navigate({ index: next });
  };
  const start = Math.max(0, position < 0 ? 0 : position - (position % PAGE));
  return h(
    "div",
    { class: "pair-browser" },
    h(
      "div",
      { class: "controls" },
      labelledSelect("Browse group", state.browse, [["all", "All pairs"], ...groupOptions(false)], (browse) => context.navigate({ browse }), "browse"),
      h("div", { class: "field" }, h("label", { for: searchId }, "Search queries"), search),
      h(
        "div",
        { class: "field buttons" },
        h("button", { type: "button", class: "secondary", onclick: () => step(-1), disabled: matches.length === 0 }, "◀ Previous"),
        h("button", { type: "button", class: "secondary", onclick: () => step(1), disabled: matches.length === 0 }, "Next ▶"),
      ),
    ),
    h(
      "p",
      { class: "muted", "aria-live": "polite" },
      `${matches.length.toLocaleString("en")} matching pair${matches.length === 1 ? "" : "s"}${position >= 0 ? `; this is match ${position + 1}` : ""}.`,
    ),
    h(
      "ul",
      { class: "pair-list" },
      matches
        .slice(start, start + PAGE)
        .map((index) =>
          h(
            "li",
            {},
            h(
              "a",
              { href: context.link({ index }), "aria-current": index === state.index ? "true" : undefined },
              h("span", { class: "index" }, `#${index}`),
              " ",
              dataset.pairs ? preview(dataset.pairs[index]!.query) : viewGroupLabel(dataset.features.rows[index]!.groups[0]!),
            ),
          ),
        ),
    ),
  );
}

function responses(pair: PairRecord): HTMLElement {
  const response = (side: "A" | "B") => {
    const text = side === "A" ? pair.responseA : pair.responseB;
    return h(
      "div",
      { class: "response" },
      h(
        "h3",
        {},
        `Response ${side}`,
        text.model ? h("span", { class: "muted" }, ` · ${text.model}`) : null,
        h("span", { class: "muted" }, ` · ${text.words} words`),
      ),
      h("pre", {}, text.content),
    );
  };
  return h("div", { class: "two-columns" }, response("A"), response("B"));
}

function annotationTable(pair: PairRecord): HTMLElement {
  const value = (v: number | undefined) => (v === undefined ? "—" : Number.isInteger(v) ? String(v) : formatNumber(v, 2));
  const sign = (x: number) => (x > 0 ? "+1 (A)" : x < 0 ? "−1 (B)" : "0");
  return h(
    "div",
    { class: "table-scroll", tabindex: 0, role: "region", "aria-label": "The 29 annotations of both responses" },
    h(
      "table",
      { class: "compact annotations" },
      h("caption", {}, "What was annotated about each response, and the comparison vector x (+1: A has more of the property)"),
      columnHeads("property", "A", "B", "x"),
      h(
        "tbody",
        {},
        propertyAnnotations(pair).map((entry) =>
          h(
            "tr",
            { class: entry.feature === 0 ? "zero" : undefined },
            h("th", { scope: "row" }, entry.property.name),
            h("td", {}, value(entry.a)),
            h("td", {}, value(entry.b)),
            h("td", {}, sign(entry.feature)),
          ),
        ),
      ),
    ),
  );
}

function explanation(context: AppContext, dataset: LoadedDataset, row: FeatureRow): HTMLElement {
  const { state, store } = context;
  const weights = store.weights();
  const groups = row.groups.filter((group) => weights.has(group));
  const group = groups.includes(state.group) ? state.group : groups[0]!;
  if (state.group !== "" && state.group !== group)
    context.alert(`URL parameter "group" is "${state.group}", which pair ${row.index} is not in; its scenario ${viewGroupLabel(group)} is used.`);
  const vector = weights.get(group)?.get(state.judge);
  const picker = h(
    "div",
    { class: "controls" },
    judgeSelect(context, "Judge", store.judgeIds()),
    labelledSelect(
      "Weights of group",
      group,
      groups.map((g) => [g, viewGroupLabel(g)] as const),
      (chosen) => context.navigate({ group: chosen }),
      "group",
    ),
  );
  if (vector === undefined) {
    return section("The judge's explanation", picker, h("p", {}, `${viewJudgeLabel(state.judge)} has no weights in ${viewGroupLabel(group)}.`));
  }
  const explained = explainPair(vector, row.features);
  const rows = pairWaterfallRows(explained, { index: row.index, judge: state.judge, group });
  const recorded = dataset.features.labels.get(state.judge)?.[row.index];
  const predicted = explained.probabilityA >= 0.5 ? "A" : "B";
  const figure = chart(buildPairWaterfallSpec(rows, { sourceLabel: context.sourceLabel([state.judge]) }), {
    name: fileName("pair", String(row.index), state.judge, group),
    title: `the explanation of pair ${row.index}`,
    rows,
    json: () => rowsToJson(rows, WATERFALL_COLUMNS),
  });
  return section(
    "The judge's explanation",
    picker,
    h(
      "p",
      { class: "summary", "data-probability": explained.probabilityA.toFixed(6) },
      `${viewJudgeLabel(state.judge)}, with its weights for ${viewGroupLabel(group)}: log-odds ${formatNumber(explained.logit, 3)}, so P(A wins) = `,
      h("strong", {}, `${formatNumber(100 * explained.probabilityA, 1)} %`),
      ` (predicts ${predicted}). `,
      recorded === undefined
        ? `This dataset has no label from ${viewJudgeLabel(state.judge)}.`
        : h("span", {}, "Recorded label: ", h("strong", {}, recorded), recorded === predicted ? " (agrees)." : " (disagrees)."),
      row.excluded ? " The error check of this pair was not applicable, so the fits leave it out and its error terms are 0." : "",
    ),
    figure.element,
  );
}

export function pairView(context: AppContext): HTMLElement {
  const body = h("div", { class: "pair-body", "aria-busy": "true" }, h("p", { class: "muted" }, "Loading the dataset…"));
  const view = h(
    "div",
    { class: "view", "data-view": "pair" },
    viewHeader(
      "Why did the judge prefer that response?",
      "One annotated pair: what the annotators saw in each response, and each property's exact share of the judge's predicted preference.",
    ),
    body,
  );
  void context.dataset().then(
    (dataset) => {
      const { state } = context;
      body.removeAttribute("aria-busy");
      const count = dataset.features.rows.length;
      let index = state.index;
      if (index >= count) {
        context.alert(`URL parameter "index" is ${index}, but ${dataset.file} has ${count} pairs (0 to ${count - 1}); pair 0 is shown.`);
        index = 0;
      }
      const row = dataset.features.rows[index]!;
      const pair = dataset.pairs?.[index];
      const adjusted = index === state.index ? context : { ...context, state: { ...state, index } };
      const groups = pair ? groupsOf(pair) : row.groups;
      body.replaceChildren(
        datasetBanner(context, dataset),
        browser(adjusted, dataset),
        section(
          `Pair ${index}`,
          h(
            "p",
            { class: "muted" },
            `${pair ? `id ${pair.id} · ` : ""}groups: ${groups.map(viewGroupLabel).join(", ")}${dataset.synthetic ? " · SYNTHETIC pair: placeholder texts, annotations drawn at random" : ""}`,
          ),
          pair
            ? h("div", {}, h("h3", {}, "Query"), h("pre", { class: "query" }, pair.query))
            : h("p", {}, `${dataset.file} holds comparison vectors only (no texts or annotations).`),
          pair ? responses(pair) : null,
          pair ? annotationTable(pair) : null,
        ),
        explanation(adjusted, dataset, row),
      );
    },
    (error: Error) => {
      body.removeAttribute("aria-busy");
      body.replaceChildren(h("p", {}, "No dataset is loaded."));
      context.alert(error.message);
    },
  );
  return view;
}
