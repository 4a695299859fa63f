/**
 * The paper's Figure 6 (right), strength of preference, for judges collected with `pd judge
 * collect`: how sure each judge is of its verdicts (the distribution of |P(A) − P(B)|, both orders
 * combined), how often two judges give the same label, and how alike their fitted preferences are
 * after `pd judge add`. The paper's finding: alignment leaves what a model prefers about the same
 * (high similarity) while making it far more certain (the probability gap grows).
 */
import type { TopLevelSpec } from "vega-lite";
import type { Label, WeightSet } from "@prefdissect/data";
import { withAddedJudges } from "@prefdissect/data";
import { judgeSimilarity } from "@prefdissect/similarity";
import { PrefDissectError } from "@prefdissect/shared";
import { FIGURE_CONFIG } from "../theme.js";
import { figureTitle, type FigureOptions } from "../options.js";
import { inlineValues, type FigureDefinition } from "../figure.js";
import { markSynthetic } from "../data/dataset-source.js";

/** One pair's verdict as `pd judge collect` reads it (`PairVerdict` of @prefdissect/judges has these fields). */
export interface StrengthVerdict {
  /** Index of the pair in the dataset. */
  readonly index: number;
  /** "A" = the dataset's first response. */
  readonly label: Label;
  /** |P(A) − P(B)| with both orders combined, 0 to 1. */
  readonly certainty: number;
}

/** One collected judge: its verdicts and, after `pd judge add`, its fitted weights. */
export interface StrengthRun {
  /** The name shown in figures. */
  readonly model: string;
  readonly verdicts: readonly StrengthVerdict[];
  /** The judge's id and weights from `pd judge add`, when it was added. */
  readonly added?: { readonly judge: string; readonly weights: WeightSet };
}

/** One bin of a judge's certainty distribution. */
export interface CertaintyRow {
  model: string;
  /** The bin covers [binStart, binEnd) (the last bin includes 1). */
  binStart: number;
  binEnd: number;
  pairs: number;
  /** Share of the judge's pairs in the bin. */
  share: number;
  /** The judge's median certainty over all its pairs (the same on every row of the judge). */
  median: number;
}

/** Bins of the certainty histogram: 20 of width 0.05. */
export const CERTAINTY_BINS = 20;

function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The distribution of |P(A) − P(B)| per judge, in `bins` equal bins over [0, 1], judges in the given order. */
export function certaintyRows(runs: readonly StrengthRun[], bins = CERTAINTY_BINS): CertaintyRow[] {
  return runs.flatMap((run) => {
    const counts = new Array<number>(bins).fill(0);
    for (const verdict of run.verdicts) counts[Math.min(bins - 1, Math.floor(verdict.certainty * bins))]! += 1;
    const middle = median(run.verdicts.map((verdict) => verdict.certainty));
    return counts.map((pairs, bin) => ({
      model: run.model,
      binStart: bin / bins,
      binEnd: (bin + 1) / bins,
      pairs,
      share: run.verdicts.length === 0 ? 0 : pairs / run.verdicts.length,
      median: middle,
    }));
  });
}

/** Two judges compared: label agreement over the pairs both judged, and the similarity of their fits. */
export interface AgreementRow {
  modelA: string;
  modelB: string;
  /** Pairs both judges have a verdict for. */
  pairs: number;
  /** Share of those pairs with the same label. */
  agreement: number;
  /** Mean over the 11 scenarios of the Pearson correlation of their weights; null unless both were added. */
  similarity: number | null;
}

/** Every two judges of `runs`, in the given order. */
export function agreementRows(runs: readonly StrengthRun[]): AgreementRow[] {
  const rows: AgreementRow[] = [];
  runs.forEach((a, i) => {
    const labelsA = new Map<number, Label>(a.verdicts.map((verdict) => [verdict.index, verdict.label]));
    for (const b of runs.slice(i + 1)) {
      const shared = b.verdicts.filter((verdict) => labelsA.has(verdict.index));
      const same = shared.filter((verdict) => labelsA.get(verdict.index) === verdict.label).length;
      let similarity: number | null = null;
      if (a.added !== undefined && b.added !== undefined) {
        if (a.added.judge === b.added.judge) {
          throw new PrefDissectError(
            "duplicate-judge",
            `${a.model} and ${b.model} were both added as judge "${a.added.judge}"; add them under different names`,
            { field: "judge" },
          );
        }
        similarity = judgeSimilarity(withAddedJudges(a.added.weights, b.added.weights), a.added.judge, b.added.judge);
      }
      rows.push({ modelA: a.model, modelB: b.model, pairs: shared.length, agreement: shared.length === 0 ? 0 : same / shared.length, similarity });
    }
  });
  return rows;
}

const percent = (value: number) => `${(100 * value).toFixed(0)} %`;

/** One histogram per judge, stacked, with the judge's median certainty as a dashed rule. */
export function buildPreferenceStrengthSpec(rows: readonly CertaintyRow[], options: FigureOptions = {}): TopLevelSpec {
  const models = [...new Set(rows.map((row) => row.model))];
  const medians = models.map((model) => `${model}: median ${rows.find((row) => row.model === model)!.median.toFixed(2)}`);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: FIGURE_CONFIG,
    title: figureTitle(
      markSynthetic(`How certain is each judge? The gap |P(A) − P(B)| at the first answer token`, options.synthetic),
      [
        "Per pair, both orders combined: |P₁₂(A) + P₂₁(B) − P₁₂(B) − P₂₁(A)| / 2. Near 0: a coin toss; near 1: sure of its verdict.",
        `Dashed line: the judge's median (${medians.join("; ")}).`,
      ],
      options,
    ),
    data: { values: inlineValues(rows) },
    facet: { row: { field: "model", type: "nominal", sort: models, header: { title: null, labelAngle: 0, labelAlign: "left", labelFontSize: 12 } } },
    spec: {
      width: 560,
      height: 110,
      layer: [
        {
          mark: { type: "bar", color: "#4c78a8", stroke: "white", strokeWidth: 0.5 },
          encoding: {
            x: { field: "binStart", type: "quantitative", scale: { domain: [0, 1] }, title: "certainty |P(A) − P(B)|" },
            x2: { field: "binEnd" },
            y: { field: "share", type: "quantitative", axis: { format: ".0%" }, title: "share of pairs" },
            y2: { datum: 0 },
            tooltip: [
              { field: "model", type: "nominal" },
              { field: "binStart", type: "quantitative", title: "from", format: ".2f" },
              { field: "binEnd", type: "quantitative", title: "to", format: ".2f" },
              { field: "pairs", type: "quantitative" },
              { field: "share", type: "quantitative", format: ".1%" },
            ],
          },
        },
        {
          mark: { type: "rule", color: "#d62728", strokeDash: [4, 3], strokeWidth: 1.5 },
          encoding: { x: { aggregate: "min", field: "median", type: "quantitative" } },
        },
      ],
    },
    resolve: { scale: { y: "independent" } },
  };
}

/** Per two judges: the share of pairs with the same label and the similarity of their fitted weights. */
export function buildPreferenceAgreementSpec(rows: readonly AgreementRow[], options: FigureOptions = {}): TopLevelSpec {
  const measures = rows.flatMap((row) => {
    const pair = `${row.modelA} vs ${row.modelB}`;
    return [
      { pair, measure: "same label", value: row.agreement, text: `${percent(row.agreement)} of ${row.pairs} pairs` },
      ...(row.similarity === null ? [] : [{ pair, measure: "similarity of the fitted weights", value: row.similarity, text: row.similarity.toFixed(2) }]),
    ];
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: FIGURE_CONFIG,
    title: figureTitle(
      markSynthetic("Do the judges prefer the same things?", options.synthetic),
      [
        "Same label: share of the pairs both judged where they chose the same response.",
        "Similarity: mean over the 11 scenarios of the Pearson correlation of their weights after pd judge add (shown when both were added).",
      ],
      options,
    ),
    data: { values: measures },
    width: 480,
    height: { step: 22 },
    encoding: {
      y: { field: "pair", type: "nominal", title: null, sort: null, axis: { labelLimit: 480 } },
      yOffset: { field: "measure", type: "nominal", sort: ["same label", "similarity of the fitted weights"] },
    },
    layer: [
      {
        mark: { type: "bar" },
        encoding: {
          x: { field: "value", type: "quantitative", scale: { domain: [0, 1] }, title: null },
          color: {
            field: "measure",
            type: "nominal",
            sort: ["same label", "similarity of the fitted weights"],
            scale: { range: ["#4c78a8", "#f58518"] },
            legend: { title: null, orient: "bottom", labelLimit: 320 },
          },
        },
      },
      {
        mark: { type: "text", align: "left", dx: 4, fontSize: 11 },
        encoding: { x: { field: "value", type: "quantitative" }, text: { field: "text", type: "nominal" } },
      },
    ],
  };
}

export const preferenceStrength: FigureDefinition<readonly StrengthRun[], CertaintyRow> = {
  name: "fig06-preference-strength",
  description: "Figure 6 (right): strength of preference, the distribution of |P(A) − P(B)| per collected judge",
  input: "judge-runs",
  columns: ["model", "binStart", "binEnd", "pairs", "share", "median"],
  rows: (runs) => certaintyRows(runs),
  spec: buildPreferenceStrengthSpec,
};

export const preferenceAgreement: FigureDefinition<readonly StrengthRun[], AgreementRow> = {
  name: "fig06-preference-agreement",
  description: "Figure 6 (right): label agreement and fitted similarity of every two collected judges",
  input: "judge-runs",
  columns: ["modelA", "modelB", "pairs", "agreement", "similarity"],
  rows: agreementRows,
  spec: buildPreferenceAgreementSpec,
};
