/**
 * Figure 1 with its uncertainty: P(p) of every property for Human, GPT-4-Turbo and
 * LLaMA-2-70B-Chat in Communication, each with the 90 % credible interval of the refit's posterior
 * draws. The released weights are point estimates; only a refit can show which preferences are
 * clearly above or below 50 % and which could be either.
 */
import type { TopLevelSpec } from "vega-lite";
import { PROPERTIES } from "@prefdissect/data";
import { PROPERTY_LABELS, safeGroupLabel, safeJudgeLabel } from "../labels.js";
import { axisTicks, percentDomain } from "../percent-axis.js";
import { FIGURE_CONFIG, HALF_LINE_COLOUR, judgeColour } from "../theme.js";
import { figureTitle, type FigureOptions } from "../options.js";
import { inlineValues, type FigureDefinition } from "../figure.js";
import { FIG01_GROUP, FIG01_JUDGES } from "../figures/fig01-communication-dissection.js";
import { markSynthetic } from "../data/dataset-source.js";
import type { RefitIntervals } from "@prefdissect/refit";
import { missingJudgesNote } from "./coverage-note.js";

export interface PreferenceIntervalRow {
  group: string;
  judge: string;
  judgeLabel: string;
  propertyIndex: number;
  property: string;
  /** Posterior mean of P(p), percent. */
  mean: number;
  /** Ends of the credible interval, percent. */
  low: number;
  high: number;
  /** Interval mass in percent (90). */
  mass: number;
  /** Where the interval lies relative to 50 %. */
  verdict: "preferred" | "disliked" | "undecided";
}

export interface PreferenceIntervalOptions extends FigureOptions {
  /** Judges the figure is meant to show; those without rows are named as missing (default: Figure 1's). */
  readonly expectedJudges?: readonly string[];
}

/** Interval rows of the given judges in one group, judges in the given order; absent judges are skipped. */
export function preferenceIntervalRows(
  intervals: RefitIntervals,
  judges: readonly string[] = FIG01_JUDGES,
  group: string = FIG01_GROUP,
): PreferenceIntervalRow[] {
  const mass = Math.round(intervals.mass * 100);
  return judges.flatMap((judge) => {
    const entries = intervals.preference.filter((entry) => entry.judge === judge && entry.group === group);
    if (entries.length === 0) return [];
    const byIndex = new Map(entries.map((entry) => [entry.propertyIndex, entry]));
    return PROPERTIES.flatMap((property) => {
      const entry = byIndex.get(property.index);
      if (entry === undefined) return [];
      return [
        {
          group,
          judge,
          judgeLabel: safeJudgeLabel(judge),
          propertyIndex: property.index,
          property: property.name,
          mean: entry.mean,
          low: entry.low,
          high: entry.high,
          mass,
          verdict: entry.low > 50 ? "preferred" : entry.high < 50 ? "disliked" : "undecided",
        } satisfies PreferenceIntervalRow,
      ];
    });
  });
}

/** Points (posterior mean) with interval bars per property, judges side by side, a 50 % line. */
export function buildPreferenceIntervalsSpec(rows: readonly PreferenceIntervalRow[], options: PreferenceIntervalOptions = {}): TopLevelSpec {
  const judges = [...new Set(rows.map((row) => row.judge))];
  const labels = judges.map(safeJudgeLabel);
  const group = rows[0]?.group ?? FIG01_GROUP;
  const mass = rows[0]?.mass ?? 90;
  const domain = percentDomain(
    rows.map((row) => row.low),
    rows.map((row) => row.high),
  );
  const decided = rows.filter((row) => row.verdict !== "undecided").length;
  const missing = missingJudgesNote(options.expectedJudges ?? FIG01_JUDGES, new Set(judges), ` in ${safeGroupLabel(group)}`);
  const x = {
    field: "property",
    type: "nominal" as const,
    sort: [...PROPERTY_LABELS],
    axis: { title: null, labelAngle: -45, labelAlign: "right" as const, labelFontSize: 11.5, labelPadding: 4, labelLimit: 220 },
    scale: { paddingInner: 0.25 },
  };
  const xOffset = { field: "judgeLabel", type: "nominal" as const, sort: labels };
  const color = {
    field: "judgeLabel",
    type: "nominal" as const,
    sort: labels,
    scale: { domain: labels, range: judges.map(judgeColour) },
    legend: { title: null, orient: "top" as const, direction: "horizontal" as const },
  };
  const y = {
    field: "mean",
    type: "quantitative" as const,
    scale: { domain, zero: false },
    axis: { title: "P(p) (%)", values: axisTicks(domain[0], domain[1], 5), grid: true },
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: FIGURE_CONFIG,
    title: figureTitle(
      markSynthetic(`How sure is the refit? P(p) in ${safeGroupLabel(group)} with ${mass} % credible intervals`, options.synthetic),
      [
        `Dot: posterior mean of P(p); bar: ${mass} % credible interval from the refit's posterior draws (pooled over folds).`,
        `Red dashed line: 50 %. ${decided} of ${rows.length} intervals lie entirely above or below it; the rest could be either.`,
        ...(missing !== undefined ? [missing] : []),
      ],
      options,
    ),
    width: 29 * 34,
    height: 380,
    data: { values: inlineValues(rows) },
    layer: [
      {
        data: { values: [{ boundary: 50 }] },
        mark: { type: "rule", color: HALF_LINE_COLOUR, strokeDash: [6, 4], strokeWidth: 1.5 },
        encoding: { y: { field: "boundary", type: "quantitative" } },
      },
      {
        mark: { type: "rule", strokeWidth: 2.5 },
        encoding: { x, xOffset, y: { ...y, field: "low" }, y2: { field: "high" }, color },
      },
      {
        mark: { type: "point", filled: true, size: 34, stroke: "white", strokeWidth: 0.8, opacity: 1 },
        encoding: {
          x,
          xOffset,
          y,
          color,
          tooltip: [
            { field: "judgeLabel", title: "judge" },
            { field: "property" },
            { field: "mean", format: ".1f", title: "P(p) %" },
            { field: "low", format: ".1f" },
            { field: "high", format: ".1f" },
          ],
        },
      },
    ],
  };
}

export const refitPreferenceIntervals: FigureDefinition<RefitIntervals, PreferenceIntervalRow> = {
  name: "refit-preference-intervals",
  description: "Refit uncertainty: Figure 1's P(p) for Human, GPT-4-Turbo and LLaMA-2-70B-Chat in Communication with 90 % credible intervals.",
  input: "refit-intervals",
  columns: ["group", "judge", "judgeLabel", "propertyIndex", "property", "mean", "low", "high", "mass", "verdict"],
  rows: (intervals) => preferenceIntervalRows(intervals),
  spec: buildPreferenceIntervalsSpec,
};
