/**
 * The paper's similarity heatmap: for every pair of the 33 judges, the Pearson correlation of
 * their weight vectors averaged over the 11 scenarios. Judges are in size order, so the blocks of
 * small and large models the paper discusses (§4.2) show up along the diagonal. A judge outside
 * the catalog (one added with `pd judge add`) is labelled by its id and framed as a block of its own.
 */
import type { TopLevelSpec } from "vega-lite";
import type { ColumnTable } from "arquero";
import { JUDGE_IDS, isJudgeId, judgeById, sizeGroup, type WeightSet } from "@prefdissect/data";
import { safeJudgeLabel } from "../labels.js";
import { FIGURE_CONFIG } from "../theme.js";
import { figureTitle, type FigureOptions } from "../options.js";
import { inlineValues, type FigureDefinition } from "../figure.js";
import { meanPairSimilarities, pairedJudges, requireAllScenarios, tableRows, type PairSimilarityRow } from "../steps.js";
import { SIMILARITY_CELL_LABEL, similarityColourScale } from "./similarity-scale.js";

export interface SimilarityCellRow {
  judgeA: string;
  judgeALabel: string;
  judgeB: string;
  judgeBLabel: string;
  similarity: number;
}

/**
 * Every ordered pair of the judges in a table of pair similarities averaged over the scenarios
 * (`meanPairSimilarities`), row-major in the order the judges were paired, ones on the diagonal.
 */
export function similarityCellRows(pairs: ColumnTable): SimilarityCellRow[] {
  const rows = tableRows<PairSimilarityRow>(pairs);
  requireAllScenarios(rows, "similarity heatmap");
  const similarity = new Map(rows.map((row) => [`${row.judgeA}\n${row.judgeB}`, row.similarity]));
  const judges = pairedJudges(rows);
  return judges.flatMap((judgeA, i) =>
    judges.map((judgeB, j) => ({
      judgeA,
      judgeALabel: safeJudgeLabel(judgeA),
      judgeB,
      judgeBLabel: safeJudgeLabel(judgeB),
      similarity:
        i === j
          ? 1
          : similarity.get(
              i < j
                ? `${judgeA}
${judgeB}`
                : `${judgeB}
${judgeA}`,
            )!,
    })),
  );
}

const CELL = 27;

/**
 * Labels of the first judge of each size block (≤14B, >30B, proprietary; an added judge is a block
 * of its own) in `order`, where a separating line is drawn: the paper's size-group claim is about
 * these blocks.
 */
function blockStarts(judgeIds: readonly string[]): string[] {
  const blockOf = (id: string) => (isJudgeId(id) ? (sizeGroup(judgeById(id)) ?? judgeById(id).family) : `added:${id}`);
  return judgeIds.filter((id, i) => i > 0 && blockOf(id) !== blockOf(judgeIds[i - 1]!)).map(safeJudgeLabel);
}

/** A square heatmap with every similarity printed in its cell (two decimals, leading zero dropped). */
export function buildSimilarityHeatmapSpec(rows: readonly SimilarityCellRow[], options: FigureOptions = {}): TopLevelSpec {
  const order = [...new Set(rows.map((row) => row.judgeALabel))];
  const boundaries = blockStarts([...new Set(rows.map((row) => row.judgeA))]).map((label) => ({ judgeALabel: label, judgeBLabel: label }));
  const { floor, whiteAbove } = similarityColourScale(rows.map((row) => row.similarity));
  const x = {
    field: "judgeBLabel",
    type: "nominal" as const,
    sort: order,
    axis: { title: null, orient: "top" as const, labelAngle: -55, labelAlign: "left" as const, labelFontSize: 11, domain: false, ticks: false },
  };
  const y = { field: "judgeALabel", type: "nominal" as const, sort: order, axis: { title: null, labelFontSize: 11, domain: false, ticks: false } };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: FIGURE_CONFIG,
    title: figureTitle(
      `Preference similarity between the ${order.length} judges`,
      [
        "Pearson correlation of two judges' regression weights, averaged over the 11 scenarios.",
        "Judges ordered by model size (Human first, GPT models last); red lines separate Human, the ≤14B",
        "open models, the >30B open models and the GPT models.",
      ],
      options,
    ),
    width: CELL * order.length,
    height: CELL * order.length,
    data: { values: inlineValues(rows) },
    transform: [SIMILARITY_CELL_LABEL],
    layer: [
      {
        mark: { type: "rect", stroke: "white", strokeWidth: 0.5 },
        encoding: {
          x,
          y,
          color: {
            field: "similarity",
            type: "quantitative",
            scale: { scheme: "yellowgreenblue", domain: [floor, 1], clamp: true },
            legend: { title: "similarity", orient: "right", gradientLength: CELL * order.length * 0.5, format: ".1f" },
          },
        },
      },
      {
        mark: { type: "text", fontSize: 8.5, baseline: "middle" },
        encoding: {
          x,
          y,
          text: { field: "label" },
          color: { condition: { test: `datum.similarity > ${whiteAbove}`, value: "white" }, value: "#1a1a1a" },
        },
      },
      {
        data: { values: boundaries },
        mark: { type: "rule", color: "#d62728", strokeWidth: 1.5 },
        encoding: { x: { ...x, bandPosition: 0 } },
      },
      {
        data: { values: boundaries },
        mark: { type: "rule", color: "#d62728", strokeWidth: 1.5 },
        encoding: { y: { ...y, bandPosition: 0 } },
      },
    ],
  };
}

export const similarityHeatmap: FigureDefinition<WeightSet, SimilarityCellRow> = {
  name: "fig-similarity-heatmap",
  description: "Similarity heatmap: 33×33 judges in size order, mean Pearson over the 11 scenarios, values in cells.",
  input: "weights",
  columns: ["judgeA", "judgeALabel", "judgeB", "judgeBLabel", "similarity"],
  rows: (weights) => similarityCellRows(meanPairSimilarities(weights, JUDGE_IDS)),
  spec: buildSimilarityHeatmapSpec,
};
