/**
 * The interactive similarity matrix: every pair of judges (added judges included) in one group or
 * averaged over the 11 scenarios, in the paper's size order or clustered, with the value printed
 * in each cell. Rows have the shape of the similarity heatmap's `.json`.
 */
import type { TopLevelSpec } from "vega-lite";
import { SCENARIO_IDS, type WeightSet } from "@prefdissect/data";
import { SCENARIO_MEAN, clusterOrder, similarityMatrix } from "@prefdissect/similarity";
import type { SimilarityCellRow } from "../figures/fig-similarity-heatmap.js";
import { inlineValues } from "../figure.js";
import { figureTitle, type FigureOptions } from "../options.js";
import { FIGURE_CONFIG } from "../theme.js";
import { SIMILARITY_CELL_LABEL, similarityColourScale } from "../figures/similarity-scale.js";
import { inGroupPhrase, viewJudgeLabel } from "./labels.js";

export type JudgeOrder = "size" | "cluster";

/**
 * Every ordered pair of `judges` with its similarity in `group` (`mean`: the paper's mean over
 * the 11 scenarios), row-major; `order` "size" keeps the given order, "cluster" puts similar
 * judges next to each other.
 */
export function similarityMatrixRows(weights: WeightSet, judges: readonly string[], group: string, order: JudgeOrder = "size"): SimilarityCellRow[] {
  const matrix = similarityMatrix(weights, judges, group === SCENARIO_MEAN ? SCENARIO_IDS : [group]);
  const ordered = order === "cluster" ? clusterOrder(matrix) : [...judges];
  const at = new Map(judges.map((judge, i) => [judge, i]));
  return ordered.flatMap((judgeA) =>
    ordered.map((judgeB) => ({
      judgeA,
      judgeALabel: viewJudgeLabel(judgeA),
      judgeB,
      judgeBLabel: viewJudgeLabel(judgeB),
      similarity: matrix.values[at.get(judgeA)!]![at.get(judgeB)!]!,
    })),
  );
}

export interface SimilarityMatrixSpecOptions extends FigureOptions {
  /** The group the similarities were computed in (for the title). */
  readonly group?: string;
  /** Side of one cell in pixels (default 24). */
  readonly cell?: number;
}

/** A square heatmap, values in the cells; the cell under the pointer is outlined, a click selects it. */
export function buildSimilarityMatrixSpec(rows: readonly SimilarityCellRow[], options: SimilarityMatrixSpecOptions = {}): TopLevelSpec {
  const order = [...new Set(rows.map((row) => row.judgeALabel))];
  const cell = options.cell ?? 24;
  const { floor, whiteAbove } = similarityColourScale(rows.map((row) => row.similarity));
  const x = {
    field: "judgeBLabel",
    type: "nominal" as const,
    sort: order,
    axis: {
      title: null,
      orient: "top" as const,
      labelAngle: -55,
      labelAlign: "left" as const,
      labelFontSize: 10.5,
      domain: false,
      ticks: false,
      labelLimit: 160,
    },
  };
  const y = {
    field: "judgeALabel",
    type: "nominal" as const,
    sort: order,
    axis: { title: null, labelFontSize: 10.5, domain: false, ticks: false, labelLimit: 160 },
  };
  const where = options.group === undefined ? "" : ` ${inGroupPhrase(options.group)}`;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: FIGURE_CONFIG,
    description: `Similarity of ${order.length} judges${where}: Pearson correlation of their weights.`,
    title: figureTitle(
      `Similarity of ${order.length} judges${where}`,
      ["Pearson correlation of two judges' weights. Click a cell to compare the two judges."],
      options,
    ),
    width: cell * order.length,
    height: cell * order.length,
    data: { values: inlineValues(rows) },
    transform: [SIMILARITY_CELL_LABEL],
    layer: [
      {
        params: [{ name: "hover", select: { type: "point", on: "pointerover", clear: "pointerout", fields: ["judgeA", "judgeB"] } }],
        mark: { type: "rect", cursor: "pointer" },
        encoding: {
          x,
          y,
          color: {
            field: "similarity",
            type: "quantitative",
            scale: { scheme: "yellowgreenblue", domain: [floor, 1], clamp: true },
            legend: { title: "similarity", orient: "right", gradientLength: Math.max(120, cell * order.length * 0.4), format: ".1f" },
          },
          stroke: { condition: { param: "hover", empty: false, value: "#d62728" }, value: "white" },
          strokeWidth: { condition: { param: "hover", empty: false, value: 2 }, value: 0.5 },
          tooltip: [
            { field: "judgeALabel", title: "judge" },
            { field: "judgeBLabel", title: "compared with" },
            { field: "similarity", format: ".3f" },
          ],
        },
      },
      {
        mark: { type: "text", fontSize: cell >= 22 ? 8 : 7, baseline: "middle" },
        encoding: { x, y, text: { field: "label" }, color: { condition: { test: `datum.similarity > ${whiteAbove}`, value: "white" }, value: "#1a1a1a" } },
      },
    ],
  };
}
