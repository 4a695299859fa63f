/**
 * A forest plot of judge similarity with its uncertainty: how similar Human, and GPT-4-Turbo, are
 * to every other judge of the refit, each with the 90 % interval of the scenario-averaged Pearson
 * computed from posterior draws. Two panels share one row per judge (size order), so a judge's
 * closeness to the human and to GPT-4-Turbo can be read across.
 */
import type { TopLevelSpec } from "vega-lite";
import { GPT4_TURBO, HUMAN, JUDGE_IDS, SCENARIO_IDS, type WeightSet } from "@prefdissect/data";
import { judgeSimilarity } from "@prefdissect/similarity";
import { FIGURE_CONFIG, judgeColour } from "../theme.js";
import { figureTitle, type FigureOptions } from "../options.js";
import { inlineValues, type FigureDefinition } from "../figure.js";
import { markSynthetic } from "../data/dataset-source.js";
import type { RefitIntervals } from "@prefdissect/refit";
import { inCatalogOrder, listInWords, safeJudgeLabel } from "../labels.js";

export interface SimilarityIntervalRow {
  /** The judge every row of its panel is compared with (Human or GPT-4-Turbo). */
  reference: string;
  referenceLabel: string;
  other: string;
  otherLabel: string;
  /** Position of `other` in the catalog's size order (unknown judges after the catalog). */
  sizeRank: number;
  mean: number;
  low: number;
  high: number;
  /** Interval mass in percent (90). */
  mass: number;
  /**
   * Similarity of the two judges' posterior-mean weights (what the heatmap shows), null without
   * the refit's weights. It sits above the draw-level interval: noise in each draw lowers a
   * correlation, averaging the draws first removes that noise.
   */
  pointEstimate: number | null;
}

/** What the similarity figure reads: the intervals, and the refit's weights for the point estimates. */
export interface SimilarityIntervalInput {
  readonly intervals: RefitIntervals;
  readonly weights?: WeightSet;
}

/** The reference judges of the figure, in panel order. */
export const SIMILARITY_INTERVAL_REFERENCES: readonly string[] = [HUMAN, GPT4_TURBO];

/** Judges the refit's intervals mention, catalog order first. */
export function intervalJudges(intervals: RefitIntervals): string[] {
  const seen = new Set<string>([...intervals.preference.map((entry) => entry.judge), ...intervals.similarity.flatMap((entry) => [entry.a, entry.b])]);
  return inCatalogOrder(seen, JUDGE_IDS);
}

/** Scenario-averaged similarity of two judges' weights, null when either lacks a scenario. */
function pointSimilarity(weights: WeightSet | undefined, a: string, b: string): number | null {
  if (weights === undefined) return null;
  if (!SCENARIO_IDS.every((group) => weights.get(group)?.has(a) && weights.get(group)?.has(b))) return null;
  return judgeSimilarity(weights, a, b, SCENARIO_IDS);
}

/** Similarity of each reference judge with every other judge that has an interval with it. */
export function similarityIntervalRows(
  input: SimilarityIntervalInput,
  references: readonly string[] = SIMILARITY_INTERVAL_REFERENCES,
): SimilarityIntervalRow[] {
  const { intervals, weights } = input;
  const judges = intervalJudges(intervals);
  const mass = Math.round(intervals.mass * 100);
  const lookup = new Map<string, RefitIntervals["similarity"][number]>();
  for (const entry of intervals.similarity) {
    lookup.set(`${entry.a}\u0000${entry.b}`, entry);
    lookup.set(`${entry.b}\u0000${entry.a}`, entry);
  }
  return references.flatMap((reference) =>
    judges.flatMap((other, sizeRank) => {
      const entry = other === reference ? undefined : lookup.get(`${reference}\u0000${other}`);
      if (entry === undefined) return [];
      return [
        {
          reference,
          referenceLabel: safeJudgeLabel(reference),
          other,
          otherLabel: safeJudgeLabel(other),
          sizeRank,
          mean: entry.mean,
          low: entry.low,
          high: entry.high,
          mass,
          pointEstimate: pointSimilarity(weights, reference, other),
        },
      ];
    }),
  );
}

/** Subtitle lines saying which reference panels and judges the rows lack. */
function coverageLines(rows: readonly SimilarityIntervalRow[]): string[] {
  const references = new Set(rows.map((row) => row.reference));
  const judges = new Set(rows.flatMap((row) => [row.reference, row.other]));
  const lines: string[] = [];
  const missingReferences = SIMILARITY_INTERVAL_REFERENCES.filter((id) => !references.has(id)).map(safeJudgeLabel);
  const catalogJudges = JUDGE_IDS.filter((id) => judges.has(id)).length;
  const parts: string[] = [];
  if (catalogJudges < JUDGE_IDS.length) parts.push(`this refit covers ${catalogJudges} of the ${JUDGE_IDS.length} judges, the others are not shown`);
  if (missingReferences.length > 0) parts.push(`no panel for ${listInWords(missingReferences)} (not in this refit)`);
  if (parts.length > 0) lines.push(`${capitalise(parts.join("; "))}.`);
  return lines;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One panel per reference judge, a row per other judge: the interval as a bar, the mean as a dot. */
export function buildSimilarityIntervalsSpec(rows: readonly SimilarityIntervalRow[], options: FigureOptions = {}): TopLevelSpec {
  const others = [...rows].sort((a, b) => a.sizeRank - b.sizeRank).map((row) => row.otherLabel);
  const order = [...new Set(others)];
  const references = [...new Set(rows.map((row) => row.reference))];
  const mass = rows[0]?.mass ?? 90;
  const lowest = Math.min(0.5, ...rows.map((row) => row.low), ...rows.flatMap((row) => (row.pointEstimate === null ? [] : [row.pointEstimate])));
  const withPoints = rows.some((row) => row.pointEstimate !== null);
  const domain: [number, number] = [Math.floor(lowest * 10) / 10, 1];
  const x = {
    field: "mean",
    type: "quantitative" as const,
    scale: { domain, nice: false },
    axis: { title: "similarity (mean Pearson r over the 11 scenarios)", grid: true },
  };
  const y = {
    field: "otherLabel",
    type: "nominal" as const,
    sort: order,
    axis: { title: null, labelFontSize: 11.5, domain: false, ticks: false, labelLimit: 240 },
  };
  const color = {
    field: "referenceLabel",
    type: "nominal" as const,
    scale: { domain: references.map(safeJudgeLabel), range: references.map(judgeColour) },
    legend: null,
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: { ...FIGURE_CONFIG, facet: { spacing: 36 } },
    title: figureTitle(
      markSynthetic(
        `How similar are the judges to ${listInWords(references.map(safeJudgeLabel)) || "Human and GPT-4-Turbo"}? (${mass} % intervals)`,
        options.synthetic,
      ),
      [
        `Dot and number: posterior mean similarity; bar: ${mass} % interval over posterior draws (draw s of one judge paired with draw s`,
        "of the other, Pearson averaged over the 11 scenarios). Judges in size order; overlapping bars mean the data cannot rank them.",
        ...(withPoints ? ["Black diamond: similarity of the posterior-mean weights (as in the heatmap); noise in single draws pulls the bars below it."] : []),
        ...coverageLines(rows),
      ],
      options,
    ),
    data: { values: inlineValues(rows) },
    transform: [{ calculate: "'similarity to ' + datum.referenceLabel", as: "panel" }],
    facet: {
      column: {
        field: "panel",
        type: "nominal",
        sort: references.map((id) => `similarity to ${safeJudgeLabel(id)}`),
        header: { title: null, labelFontSize: 13, labelFontWeight: "bold", labelAnchor: "start", labelPadding: 8 },
      },
    },
    spec: {
      width: 380,
      height: { step: 22 },
      layer: [
        { mark: { type: "rule", strokeWidth: 2.5, opacity: 0.55 }, encoding: { x: { ...x, field: "low" }, x2: { field: "high" }, y, color } },
        { mark: { type: "point", filled: true, size: 60, opacity: 1 }, encoding: { x, y, color } },
        {
          transform: [{ filter: "datum.pointEstimate !== null" }],
          mark: { type: "point", shape: "diamond", filled: false, size: 70, strokeWidth: 1.6, color: "#1a1a1a" },
          encoding: { x: { ...x, field: "pointEstimate" }, y },
        },
        {
          mark: { type: "text", align: "left", dx: 6, fontSize: 10, color: "#333333" },
          encoding: { x: { ...x, field: "high" }, y, text: { field: "mean", type: "quantitative", format: ".2f" } },
        },
      ],
    },
  };
}

export const refitSimilarityIntervals: FigureDefinition<SimilarityIntervalInput, SimilarityIntervalRow> = {
  name: "refit-similarity-intervals",
  description: "Refit uncertainty: similarity of Human and of GPT-4-Turbo to every other refit judge with 90 % intervals (forest plot).",
  input: "refit-intervals",
  columns: ["reference", "referenceLabel", "other", "otherLabel", "sizeRank", "mean", "low", "high", "mass", "pointEstimate"],
  rows: (input) => similarityIntervalRows(input),
  spec: buildSimilarityIntervalsSpec,
};
