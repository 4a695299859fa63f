/**
 * Why a judge prefers one response of a pair: the logit Σ w_p·x_p built up property by property
 * as a waterfall, from 0 to the final log-odds that response A wins. Only properties on which the
 * responses differ (x_p ≠ 0) contribute; they are drawn largest first.
 */
import type { TopLevelSpec } from "vega-lite";
import type { PairExplanation } from "@prefdissect/similarity";
import { inlineValues } from "../figure.js";
import { figureTitle, type FigureOptions } from "../options.js";
import { FIGURE_CONFIG } from "../theme.js";

export interface PairWaterfallRow {
  /** Dataset index of the pair. */
  index: number;
  judge: string;
  group: string;
  /** A property, or "logit" for the closing total bar. */
  step: string;
  propertyIndex: number | null;
  feature: number | null;
  weight: number | null;
  /** This step's term w_p·x_p (the total for "logit"). */
  contribution: number;
  /** Running logit before and after the step. */
  start: number;
  end: number;
}

/** The waterfall steps of an explanation: each contributing property, largest |term| first, then the total. */
export function pairWaterfallRows(explanation: PairExplanation, pair: { index: number; judge: string; group: string }): PairWaterfallRow[] {
  const terms = explanation.terms
    .filter((term) => term.feature !== 0)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.property.index - b.property.index);
  let running = 0;
  const rows: PairWaterfallRow[] = terms.map((term) => {
    const start = running;
    running += term.contribution;
    return {
      ...pair,
      step: term.property.name,
      propertyIndex: term.property.index,
      feature: term.feature,
      weight: term.weight,
      contribution: term.contribution,
      start,
      end: running,
    };
  });
  rows.push({ ...pair, step: "logit", propertyIndex: null, feature: null, weight: null, contribution: explanation.logit, start: 0, end: explanation.logit });
  return rows;
}

/** Horizontal waterfall: one bar per step from its running start to its end; green toward A, red toward B. */
export function buildPairWaterfallSpec(rows: readonly PairWaterfallRow[], options: FigureOptions = {}): TopLevelSpec {
  const order = rows.map((row) => row.step);
  const y = { field: "step", type: "nominal" as const, sort: order, axis: { title: null, labelLimit: 200 } };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: FIGURE_CONFIG,
    description: "Each property's exact share of the judge's log-odds that response A wins.",
    title: figureTitle(
      "Each property's share of the log-odds that A wins",
      ["Bars right of 0 push toward A, bars left of it toward B; the last bar is the total."],
      options,
    ),
    width: "container",
    height: { step: 20 },
    autosize: { type: "fit-x", contains: "padding" },
    data: { values: inlineValues(rows) },
    transform: [{ calculate: "datum.step === 'logit' ? 'total' : datum.contribution >= 0 ? 'toward A' : 'toward B'", as: "direction" }],
    layer: [
      {
        mark: { type: "bar", height: { band: 0.75 } },
        encoding: {
          y,
          x: { field: "start", type: "quantitative", scale: { zero: true, nice: true }, axis: { title: "log-odds that A wins", grid: true } },
          x2: { field: "end" },
          color: {
            field: "direction",
            type: "nominal",
            scale: { domain: ["toward A", "toward B", "total"], range: ["#1f6f3f", "#a8322d", "#3a6ea5"] },
            legend: { title: null, orient: "top", direction: "vertical" },
          },
          tooltip: [
            { field: "step", title: "property" },
            { field: "feature", title: "x (A vs B)" },
            { field: "weight", format: ".3f", title: "w" },
            { field: "contribution", format: "+.3f", title: "w·x" },
            { field: "end", format: "+.3f", title: "running logit" },
          ],
        },
      },
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: "rule", color: "#1a1a1a", strokeWidth: 1 },
        encoding: { x: { field: "zero", type: "quantitative" } },
      },
    ],
  };
}
