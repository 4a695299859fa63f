/**
 * Table 4 of the paper as a heat table: for each of the 33 judges (ordered by size) the degree of
 * preference for responses without minor, moderate and severe errors, averaged over the 11
 * scenarios. Colour is centred on 50 %, so blue cells mean the judge rewards error-free answers.
 */
import type { TopLevelSpec } from "vega-lite";
import type { ColumnTable } from "arquero";
import { ERROR_PROPERTY_INDICES, GPT4_TURBO, HUMAN, JUDGE_IDS, SCENARIO_IDS, judgeById, weightsTable, type WeightSet } from "@prefdissect/data";
import { propertyLabel, safeJudgeLabel } from "../labels.js";
import { FIGURE_CONFIG } from "../theme.js";
import { figureTitle, type FigureOptions } from "../options.js";
import { inlineValues, type FigureDefinition } from "../figure.js";
import { requireAllScenarios, scenarioMeans, tableRows, withPreference } from "../steps.js";

export type ErrorSeverity = "minor" | "moderate" | "severe";
export const ERROR_SEVERITIES: readonly ErrorSeverity[] = ["minor", "moderate", "severe"];

export interface ErrorSensitivityRow {
  judge: string;
  judgeLabel: string;
  /** Position in the size order (0 = Human). */
  sizeRank: number;
  severity: ErrorSeverity;
  property: string;
  /** Mean over the 11 scenarios of P(p) in percent. */
  preference: number;
}

/** A row of `scenarioMeans(preferences, ["judge", "propertyIndex", "property"], "preference")`. */
interface MeanPreferenceRow {
  readonly judge: string;
  readonly propertyIndex: number;
  readonly preference: number;
  readonly scenarios: number;
}

/**
 * Error sensitivity from the mean P(p) over the 11 scenarios per judge and property
 * (`scenarioMeans(preferences, ["judge", "propertyIndex", "property"], "preference")`): three rows
 * per judge, judges in the table's order (their size order when selected so).
 */
export function errorSensitivityRows(means: ColumnTable): ErrorSensitivityRow[] {
  const rows = tableRows<MeanPreferenceRow>(means);
  requireAllScenarios(rows, "error sensitivity");
  const byJudge = new Map<string, Map<number, number>>();
  for (const row of rows) {
    if (!byJudge.has(row.judge)) byJudge.set(row.judge, new Map());
    byJudge.get(row.judge)!.set(row.propertyIndex, row.preference);
  }
  return [...byJudge].flatMap(([judge, preferences], sizeRank) =>
    ERROR_SEVERITIES.map((severity) => {
      const preference = preferences.get(ERROR_PROPERTY_INDICES[severity]);
      if (preference === undefined)
        throw new RangeError(`error sensitivity: no mean P(p) of "${propertyLabel(ERROR_PROPERTY_INDICES[severity])}" for judge "${judge}"`);
      return { judge, judgeLabel: safeJudgeLabel(judge), sizeRank, severity, property: propertyLabel(ERROR_PROPERTY_INDICES[severity]), preference };
    }),
  );
}

const CELL_WIDTH = 130;
const CELL_HEIGHT = 21;

/** Judges whose row labels are set in bold: the two the paper compares throughout. */
const HIGHLIGHTED = [HUMAN, GPT4_TURBO].map((id) => judgeById(id).displayName);

/** Heat table of P(no minor / moderate / severe errors) per judge with values printed. */
export function buildErrorSensitivitySpec(rows: readonly ErrorSensitivityRow[], options: FigureOptions = {}): TopLevelSpec {
  const judges = [...rows].sort((a, b) => a.sizeRank - b.sizeRank).map((row) => row.judgeLabel);
  const judgeOrder = [...new Set(judges)];
  const properties = ERROR_SEVERITIES.map((severity) => propertyLabel(ERROR_PROPERTY_INDICES[severity]));
  const spread = Math.max(10, ...rows.map((row) => Math.abs(row.preference - 50)));
  const half = Math.ceil(spread / 5) * 5;
  const highlightTest = HIGHLIGHTED.map((label) => `datum.value === '${label}'`).join(" || ");
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: FIGURE_CONFIG,
    title: figureTitle(
      "Sensitivity to errors: P(p) of error-free responses per judge",
      [
        "Mean over the 11 scenarios of P(p) for no minor / moderate / severe errors, in %. Above 50 %:",
        "the judge prefers the response without that error. Judges ordered by model size.",
      ],
      options,
    ),
    width: CELL_WIDTH * properties.length,
    height: CELL_HEIGHT * judgeOrder.length,
    data: { values: inlineValues(rows) },
    encoding: {
      x: {
        field: "property",
        type: "nominal",
        sort: properties,
        axis: { title: null, orient: "top", labelAngle: 0, labelFontSize: 12, domain: false, ticks: false },
      },
      y: {
        field: "judgeLabel",
        type: "nominal",
        sort: judgeOrder,
        axis: {
          title: null,
          domain: false,
          ticks: false,
          labelFontSize: 11.5,
          labelFontWeight: { condition: { test: highlightTest, value: "bold" }, value: "normal" },
        },
      },
    },
    layer: [
      {
        mark: { type: "rect", stroke: "white", strokeWidth: 1 },
        encoding: {
          color: {
            field: "preference",
            type: "quantitative",
            scale: { scheme: "redblue", domain: [50 - half, 50 + half], domainMid: 50 },
            legend: { title: "P(p) %", orient: "right", gradientLength: 240 },
          },
        },
      },
      {
        mark: { type: "text", fontSize: 11.5, baseline: "middle" },
        encoding: {
          text: { field: "preference", type: "quantitative", format: ".2f" },
          color: {
            condition: { test: `abs(datum.preference - 50) > ${half * 0.6}`, value: "white" },
            value: "#1a1a1a",
          },
        },
      },
    ],
  };
}

export const errorSensitivityTable: FigureDefinition<WeightSet, ErrorSensitivityRow> = {
  name: "table04-error-sensitivity",
  description: "Table 4: P(no minor / moderate / severe errors) for all 33 judges, ordered by size.",
  input: "weights",
  columns: ["judge", "judgeLabel", "sizeRank", "severity", "property", "preference"],
  rows: (weights) =>
    errorSensitivityRows(
      scenarioMeans(withPreference(weightsTable(weights, { groups: SCENARIO_IDS, judges: JUDGE_IDS })), ["judge", "propertyIndex", "property"], "preference"),
    ),
  spec: buildErrorSensitivitySpec,
};
