/**
 * Charts of one judge's profile: its similarity to every other judge (bars, most similar first,
 * coloured by the paper's size groups) and its P(p) of every property in every group (a map).
 */
import type { TopLevelSpec } from "vega-lite";
import { GROUP_IDS, isJudgeId, judgeById, sizeGroup, type WeightSet } from "@prefdissect/data";
import type { JudgeProfile } from "@prefdissect/similarity";
import type { SimilarityCellRow } from "../figures/fig-similarity-heatmap.js";
import { inlineValues } from "../figure.js";
import { figureTitle, type FigureOptions } from "../options.js";
import { FIGURE_CONFIG } from "../theme.js";
import { dissectionRows, type DissectionRow } from "./dissection.js";
import { viewGroupLabel, viewJudgeLabel } from "./labels.js";

/** The profile's similarities as heatmap cells from the judge to each other judge, most similar first. */
export function judgeSimilarityRows(profile: JudgeProfile): SimilarityCellRow[] {
  return profile.similarities.map(({ judge, similarity }) => ({
    judgeA: profile.judge,
    judgeALabel: viewJudgeLabel(profile.judge),
    judgeB: judge,
    judgeBLabel: viewJudgeLabel(judge),
    similarity,
  }));
}

/** Which bar colour a judge gets: the paper's size groups, Human, the GPT models, or added. */
function judgeKind(judge: string): string {
  if (!isJudgeId(judge)) return "added";
  const entry = judgeById(judge);
  const size = sizeGroup(entry);
  if (size !== undefined) return size === "small" ? "open, ≤14B" : "open, >30B";
  return entry.family === "human" ? "Human" : "GPT";
}

const KINDS = ["Human", "open, ≤14B", "open, >30B", "GPT", "added"];
const KIND_COLOURS = ["#3a6ea5", "#9ecae1", "#08519c", "#e07b28", "#9467bd"];

/** Horizontal bars of the judge's similarity to each other judge. */
export function buildJudgeSimilaritySpec(rows: readonly SimilarityCellRow[], options: FigureOptions = {}): TopLevelSpec {
  const judge = rows[0]?.judgeALabel ?? "";
  const values = inlineValues(rows).map((row) => ({ ...row, kind: judgeKind(row.judgeB) }));
  const present = KINDS.filter((kind) => values.some((row) => row.kind === kind));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: FIGURE_CONFIG,
    description: `Similarity of ${judge} to every other judge, most similar first.`,
    title: figureTitle(
      `How similar is ${judge} to each judge?`,
      ["Mean over the 11 scenarios of the Pearson correlation of the two judges' weights."],
      options,
    ),
    width: "container",
    height: { step: 14 },
    autosize: { type: "fit-x", contains: "padding" },
    data: { values },
    mark: { type: "bar", height: { band: 0.8 } },
    encoding: {
      y: {
        field: "judgeBLabel",
        type: "nominal",
        sort: { field: "similarity", order: "descending" },
        axis: { title: null, labelLimit: 200, labelFontSize: 10.5 },
      },
      x: {
        field: "similarity",
        type: "quantitative",
        scale: { domain: [Math.min(0, ...rows.map((row) => row.similarity)), 1] },
        axis: { title: "similarity", grid: true },
      },
      color: {
        field: "kind",
        type: "nominal",
        scale: { domain: present, range: present.map((kind) => KIND_COLOURS[KINDS.indexOf(kind)]!) },
        legend: { title: null, orient: "top", columns: 2 },
      },
      tooltip: [
        { field: "judgeBLabel", title: "judge" },
        { field: "kind", title: "group" },
        { field: "similarity", format: ".3f" },
      ],
    },
  };
}

/** The judge's dissection rows in every group it has weights for, in `GROUP_IDS` order. */
export function judgePreferenceMapRows(weights: WeightSet, judge: string): DissectionRow[] {
  return GROUP_IDS.filter((group) => weights.get(group)?.has(judge)).flatMap((group) => dissectionRows(weights, [judge], group));
}

/** A property × group map of P(p): blue above 50 %, red below. */
export function buildJudgePreferenceMapSpec(rows: readonly DissectionRow[], options: FigureOptions = {}): TopLevelSpec {
  const judge = rows[0]?.judgeLabel ?? "";
  const groups = [...new Set(rows.map((row) => row.group))];
  const values = inlineValues(rows).map((row) => ({ ...row, groupLabel: viewGroupLabel(row.group) }));
  const spread = Math.max(10, ...rows.map((row) => Math.abs(row.preference - 50)));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: FIGURE_CONFIG,
    description: `P(p) of every property for ${judge} in every group.`,
    title: figureTitle(`P(p) of ${judge} in every group`, ["Blue: preferred (above 50 %); red: disliked (below 50 %)."], options),
    width: "container",
    height: { step: 15 },
    autosize: { type: "fit-x", contains: "padding" },
    data: { values },
    mark: { type: "rect", stroke: "white", strokeWidth: 0.5 },
    encoding: {
      x: {
        field: "groupLabel",
        type: "nominal",
        sort: groups.map(viewGroupLabel),
        axis: { title: null, orient: "top", labelAngle: -50, labelAlign: "left", labelFontSize: 10 },
      },
      y: { field: "property", type: "nominal", sort: { field: "propertyIndex" }, axis: { title: null, labelFontSize: 10.5, labelLimit: 200 } },
      color: {
        field: "preference",
        type: "quantitative",
        scale: { scheme: "redblue", domain: [50 - spread, 50, 50 + spread], clamp: true },
        legend: { title: "P(p) %", orient: "bottom", direction: "horizontal", gradientLength: 160 },
      },
      tooltip: [{ field: "groupLabel", title: "group" }, { field: "property" }, { field: "preference", format: ".1f", title: "P(p) %" }],
    },
  };
}
