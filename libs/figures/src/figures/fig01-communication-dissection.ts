/**
 * Figure 1 of the paper: the degree of preference P(p) of every property for three judges in one
 * scenario (Communication). Bars grow up or down from the 50 % line, so a bar above the red dashed
 * line is a property the judge prefers and one below is a property it dislikes.
 */
import type { TopLevelSpec } from "vega-lite";
import type { ColumnTable } from "arquero";
import { GPT4_TURBO, HUMAN, weightsTable, type WeightSet } from "@prefdissect/data";
import { groupLabel, listInWords, PROPERTY_LABELS, safeJudgeLabel } from "../labels.js";
import { axisTicks, percentDomain } from "../percent-axis.js";
import { FIGURE_CONFIG, HALF_LINE_COLOUR, judgeColour } from "../theme.js";
import { figureTitle, type FigureOptions } from "../options.js";
import { inlineValues, type FigureDefinition } from "../figure.js";
import { tableRows, withPreference, type PreferenceRow } from "../steps.js";

export interface CommunicationDissectionRow {
  group: string;
  judge: string;
  judgeLabel: string;
  propertyIndex: number;
  property: string;
  weight: number;
  /** P(p) in percent. */
  preference: number;
}

/** The judges Figure 1 shows, in legend order. */
export const FIG01_JUDGES: readonly string[] = [HUMAN, GPT4_TURBO, "llama-2-70b-chat"];
export const FIG01_GROUP = "Communication";

/**
 * The figure's rows from a P(p) table of one group (`withPreference(weightsTable(ws, { groups,
 * judges }))`), in the table's order (judges as selected, properties in released order).
 */
export function communicationDissectionRows(preferences: ColumnTable): CommunicationDissectionRow[] {
  return tableRows<PreferenceRow>(preferences).map((row) => ({
    group: row.group,
    judge: row.judge,
    judgeLabel: safeJudgeLabel(row.judge),
    propertyIndex: row.propertyIndex,
    property: row.property,
    weight: row.weight,
    preference: row.preference,
  }));
}

/** Grouped bars of P(p) per property, diverging from the 50 % line. */
export function buildCommunicationDissectionSpec(rows: readonly CommunicationDissectionRow[], options: FigureOptions = {}): TopLevelSpec {
  const judges = [...new Set(rows.map((row) => row.judge))];
  const labels = judges.map(safeJudgeLabel);
  const groups = [...new Set(rows.map((row) => row.group))];
  const where = groups.length === 1 ? groupLabel(groups[0]!) : groups.map(groupLabel).join(", ");
  const preferences = rows.map((row) => row.preference);
  const domain = percentDomain(preferences, preferences);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: FIGURE_CONFIG,
    title: figureTitle(
      `Which properties do ${listInWords(labels)} prefer in ${where}?`,
      [
        "P(p): probability that a response is preferred when it is better only in property p, all else equal.",
        "Bars above the red dashed 50 % line are preferred properties, bars below it disliked ones.",
      ],
      options,
    ),
    // A fixed width: with xOffset a step width would apply to each judge's bar, not the group.
    width: 29 * 34,
    height: 380,
    data: { values: inlineValues(rows) },
    layer: [
      {
        mark: { type: "bar", cornerRadiusEnd: 1 },
        encoding: {
          x: {
            field: "property",
            type: "nominal",
            sort: [...PROPERTY_LABELS],
            axis: { title: null, labelAngle: -45, labelAlign: "right", labelFontSize: 11.5, labelPadding: 4, labelLimit: 220 },
            scale: { paddingInner: 0.25 },
          },
          xOffset: { field: "judgeLabel", type: "nominal", sort: labels },
          y: {
            field: "preference",
            type: "quantitative",
            scale: { domain },
            axis: { title: "P(p) (%)", values: axisTicks(domain[0], domain[1], 5), grid: true },
          },
          y2: { datum: 50 },
          color: {
            field: "judgeLabel",
            type: "nominal",
            sort: labels,
            scale: { domain: labels, range: judges.map(judgeColour) },
            legend: { title: null, orient: "top", direction: "horizontal" },
          },
          tooltip: [{ field: "judgeLabel", title: "judge" }, { field: "property" }, { field: "preference", format: ".2f", title: "P(p) %" }],
        },
      },
      {
        // Own one-row data so the line is drawn once, not once per bar.
        data: { values: [{ boundary: 50 }] },
        mark: { type: "rule", color: HALF_LINE_COLOUR, strokeDash: [6, 4], strokeWidth: 1.5 },
        encoding: { y: { field: "boundary", type: "quantitative" } },
      },
    ],
  };
}

export const communicationDissection: FigureDefinition<WeightSet, CommunicationDissectionRow> = {
  name: "fig01-communication-dissection",
  description: "Figure 1: P(p) over the 29 properties for Human, GPT-4-Turbo and LLaMA-2-70B-Chat in Communication.",
  input: "weights",
  columns: ["group", "judge", "judgeLabel", "propertyIndex", "property", "weight", "preference"],
  rows: (weights) => communicationDissectionRows(withPreference(weightsTable(weights, { groups: [FIG01_GROUP], judges: FIG01_JUDGES }))),
  spec: buildCommunicationDissectionSpec,
};
