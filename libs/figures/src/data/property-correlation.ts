/**
 * Dataset statistics (paper Appendix E): how the 29 comparison features move together. Each cell
 * is the Pearson correlation of two features over the pairs that enter the fits (pairs whose error
 * check was not applicable are left out, as in the regression). Strong correlations explain why
 * two properties' weights can trade off against each other in a fit.
 */
import type { TopLevelSpec } from "vega-lite";
import { PROPERTIES, PROPERTY_COUNT, type FeatureDataset } from "@prefdissect/data";
import { FIGURE_CONFIG } from "../theme.js";
import { figureTitle, type FigureOptions } from "../options.js";
import { inlineValues, type FigureDefinition } from "../figure.js";
import { markSynthetic } from "./dataset-source.js";
import { columnCorrelations } from "./pearson-columns.js";

export interface PropertyCorrelationRow {
  propertyAIndex: number;
  propertyA: string;
  propertyBIndex: number;
  propertyB: string;
  /** Pairs the correlation runs over (non-excluded pairs). */
  pairs: number;
  /** Pearson r; null when a feature never varies over these pairs. */
  correlation: number | null;
}

/** Every ordered pair of the 29 features with its correlation, row-major in released order. */
export function propertyCorrelationRows(dataset: Pick<FeatureDataset, "rows">): PropertyCorrelationRow[] {
  const included = dataset.rows.filter((row) => !row.excluded).map((row) => row.features);
  if (included.length < 2) throw new RangeError(`need at least two non-excluded pairs for correlations, got ${included.length}`);
  const matrix = columnCorrelations(included, PROPERTY_COUNT);
  return PROPERTIES.flatMap((a) =>
    PROPERTIES.map((b) => ({
      propertyAIndex: a.index,
      propertyA: a.name,
      propertyBIndex: b.index,
      propertyB: b.name,
      pairs: included.length,
      correlation: matrix[a.index]![b.index]!,
    })),
  );
}

const CELL = 27;

/** A 29×29 heatmap on a red–blue scale centred on 0, each correlation printed in its cell. */
export function buildPropertyCorrelationSpec(rows: readonly PropertyCorrelationRow[], options: FigureOptions = {}): TopLevelSpec {
  const order = [...new Set(rows.map((row) => row.propertyA))];
  const pairs = rows[0]?.pairs ?? 0;
  const undefinedCells = rows.some((row) => row.correlation === null);
  const x = {
    field: "propertyB",
    type: "nominal" as const,
    sort: order,
    axis: { title: null, orient: "top" as const, labelAngle: -55, labelAlign: "left" as const, labelFontSize: 11, domain: false, ticks: false, labelLimit: 200 },
  };
  const y = { field: "propertyA", type: "nominal" as const, sort: order, axis: { title: null, labelFontSize: 11, domain: false, ticks: false, labelLimit: 200 } };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: FIGURE_CONFIG,
    title: figureTitle(
      markSynthetic("Which comparison features move together?", options.synthetic),
      [
        `Pearson correlation of the 29 comparison features (−1 / 0 / +1 per pair) over the ${pairs.toLocaleString("en-US")} pairs that enter the fits`,
        `(pairs whose error check was not applicable are left out).${undefinedCells ? " Grey cells: a feature that never varies, no correlation." : ""}`,
      ],
      options,
    ),
    width: CELL * order.length,
    height: CELL * order.length,
    data: { values: inlineValues(rows) },
    transform: [
      {
        calculate: "datum.correlation === null ? '–' : replace(format(datum.correlation, '.2f'), /^([-−]?)0\\./, '$1.')",
        as: "label",
      },
    ],
    layer: [
      {
        mark: { type: "rect", stroke: "white", strokeWidth: 0.5 },
        encoding: {
          x,
          y,
          color: {
            condition: { test: "datum.correlation === null", value: "#d9d9d9" },
            field: "correlation",
            type: "quantitative",
            scale: { scheme: "redblue", domain: [-1, 1] },
            legend: { title: "Pearson r", orient: "right", gradientLength: CELL * order.length * 0.5, values: [-1, -0.5, 0, 0.5, 1] },
          },
        },
      },
      {
        mark: { type: "text", fontSize: 8.5, baseline: "middle" },
        encoding: {
          x,
          y,
          text: { field: "label" },
          color: { condition: { test: "datum.correlation !== null && abs(datum.correlation) > 0.6", value: "white" }, value: "#1a1a1a" },
        },
      },
    ],
  };
}

export const dataPropertyCorrelation: FigureDefinition<Pick<FeatureDataset, "rows">, PropertyCorrelationRow> = {
  name: "data-property-correlation",
  description: "Dataset statistics: 29×29 Pearson correlation of the comparison features over the pairs that enter the fits.",
  input: "feature-dataset",
  columns: ["propertyAIndex", "propertyA", "propertyBIndex", "propertyB", "pairs", "correlation"],
  rows: propertyCorrelationRows,
  spec: buildPropertyCorrelationSpec,
};
