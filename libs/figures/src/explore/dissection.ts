/**
 * The interactive dissection: P(p) of the 29 properties for any judges side by side in one group
 * (or the mean over the scenarios), as horizontal bars from the 50 % line, so the chart fits a
 * phone's width as well as a wide screen. Sorted by property or by P(p); 90 % intervals drawn
 * where the weights come with them (a NUTS fit's posterior draws).
 */
import type { TopLevelSpec } from "vega-lite";
import { PROPERTIES, type WeightSet } from "@prefdissect/data";
import { groupPreferences } from "@prefdissect/similarity";
import type { CommunicationDissectionRow } from "../figures/fig01-communication-dissection.js";
import { inlineValues } from "../figure.js";
import { figureTitle, type FigureOptions } from "../options.js";
import { axisTicks, percentDomain } from "../percent-axis.js";
import { FIGURE_CONFIG, HALF_LINE_COLOUR } from "../theme.js";
import { distinctJudgeColours, inGroupPhrase, viewJudgeLabel } from "./labels.js";

/** A row of Figure 1's shape; `low` and `high` (percent) when the judge's fit has intervals here. */
export interface DissectionRow extends CommunicationDissectionRow {
  low?: number;
  high?: number;
}

/** A 90 % interval of P(p), keyed like intervals.json's `preference` entries. */
export interface PreferenceIntervalEntry {
  readonly judge: string;
  readonly group: string;
  readonly propertyIndex: number;
  readonly low: number;
  readonly high: number;
}

/** Column order of the rows (the interval columns only when present). */
export const DISSECTION_COLUMNS = ["group", "judge", "judgeLabel", "propertyIndex", "property", "weight", "preference"] as const;

/**
 * P(p) of every property for each judge in `group` (`mean`: the mean over the 11 scenarios of
 * the weights and of P(p)), judges in the given order, with intervals from `intervals` if any.
 */
export function dissectionRows(
  weights: WeightSet,
  judges: readonly string[],
  group: string,
  intervals: readonly PreferenceIntervalEntry[] = [],
): DissectionRow[] {
  const intervalOf = new Map(intervals.filter((entry) => entry.group === group).map((entry) => [`${entry.judge}\u0000${entry.propertyIndex}`, entry]));
  return judges.flatMap((judge) => {
    const values = groupPreferences(weights, judge, group);
    return PROPERTIES.map((property) => {
      const row: DissectionRow = {
        group,
        judge,
        judgeLabel: viewJudgeLabel(judge),
        propertyIndex: property.index,
        property: property.name,
        weight: values[property.index]!.weight,
        preference: values[property.index]!.preference,
      };
      const interval = intervalOf.get(`${judge}\u0000${property.index}`);
      if (interval !== undefined) Object.assign(row, { low: interval.low, high: interval.high });
      return row;
    });
  });
}

export type DissectionSort = "property" | "preference";

export interface DissectionSpecOptions extends FigureOptions {
  /** "property": released order; "preference": by the first judge's P(p), highest first. */
  readonly sort?: DissectionSort;
  /** Judges per legend row (default 3); fewer fit a narrow screen. */
  readonly legendColumns?: number;
}

/** Horizontal bars of P(p) per property, one bar per judge, diverging from the 50 % line. */
export function buildDissectionSpec(rows: readonly DissectionRow[], options: DissectionSpecOptions = {}): TopLevelSpec {
  const judges = [...new Set(rows.map((row) => row.judge))];
  const labels = judges.map(viewJudgeLabel);
  const group = rows[0]?.group ?? "";
  const first = rows.filter((row) => row.judge === judges[0]);
  const order = (options.sort === "preference" ? [...first].sort((a, b) => b.preference - a.preference || a.propertyIndex - b.propertyIndex) : first).map(
    (row) => row.property,
  );
  const withIntervals = rows.filter((row) => row.low !== undefined && row.high !== undefined);
  const domain = percentDomain(
    [...rows.map((row) => row.preference), ...withIntervals.map((row) => row.low!)],
    [...rows.map((row) => row.preference), ...withIntervals.map((row) => row.high!)],
  );
  // The step is the height of one judge's bar; a property's band holds one bar per judge.
  const barHeight = judges.length > 4 ? 6 : judges.length > 1 ? 8 : 14;
  const y = {
    field: "property",
    type: "nominal" as const,
    sort: order,
    scale: { paddingInner: 0.3, paddingOuter: 0.15 },
    axis: { title: null, labelLimit: 200, labelFontSize: 11.5 },
  };
  const yOffset = { field: "judgeLabel", type: "nominal" as const, sort: labels };
  const x = {
    field: "preference",
    type: "quantitative" as const,
    scale: { domain },
    axis: { title: "P(p) (%)", values: axisTicks(domain[0], domain[1], 5), grid: true },
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: FIGURE_CONFIG,
    description: `P(p) of the 29 properties for ${labels.join(", ")} ${inGroupPhrase(group)}.`,
    title: figureTitle(
      `P(p) ${inGroupPhrase(group)}`,
      ["Chance a response is preferred when it is better only in property p. Right of the red line: preferred."],
      options,
    ),
    width: "container",
    height: { step: barHeight },
    autosize: { type: "fit-x", contains: "padding" },
    data: { values: inlineValues(rows) },
    layer: [
      {
        mark: { type: "bar", cornerRadiusEnd: 1, height: { band: 1 } },
        encoding: {
          y,
          yOffset,
          x,
          x2: { datum: 50 },
          color: {
            field: "judgeLabel",
            type: "nominal",
            sort: labels,
            scale: { domain: labels, range: distinctJudgeColours(judges) },
            legend: { title: null, orient: "top", direction: "horizontal", columns: options.legendColumns ?? 3, labelLimit: 260 },
          },
          tooltip: [
            { field: "judgeLabel", title: "judge" },
            { field: "property" },
            { field: "preference", format: ".1f", title: "P(p) %" },
            { field: "weight", format: ".3f" },
            ...(withIntervals.length > 0
              ? [
                  { field: "low", format: ".1f", title: "90 % low" },
                  { field: "high", format: ".1f", title: "90 % high" },
                ]
              : []),
          ],
        },
      },
      ...(withIntervals.length > 0
        ? [
            {
              transform: [{ filter: "isValid(datum.low)" }],
              mark: { type: "rule" as const, color: "#1a1a1a", strokeWidth: 1.2 },
              encoding: { y, yOffset, x: { ...x, field: "low" }, x2: { field: "high" } },
            },
          ]
        : []),
      {
        data: { values: [{ boundary: 50 }] },
        mark: { type: "rule", color: HALF_LINE_COLOUR, strokeDash: [6, 4], strokeWidth: 1.5 },
        encoding: { x: { field: "boundary", type: "quantitative" } },
      },
    ],
  };
}
