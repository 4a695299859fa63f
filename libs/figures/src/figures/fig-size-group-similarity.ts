/**
 * The size-group summary of §4.2: mean pairwise similarity inside the ≤14B open models (20, the
 * Qwen-14B pair included), inside the >30B open models (10), and between the two groups. The
 * paper's values are drawn as ticks so a reproduction can be checked by eye.
 */
import type { TopLevelSpec } from "vega-lite";
import { JUDGE_IDS, type WeightSet } from "@prefdissect/data";
import { similarityMatrix, sizeGroupSimilarity } from "@prefdissect/similarity";
import { FIGURE_CONFIG, HALF_LINE_COLOUR } from "../theme.js";
import { figureTitle, type FigureOptions } from "../options.js";
import { inlineValues, type FigureDefinition } from "../figure.js";

export type SizeGroupComparison = "small" | "large" | "between";

export interface SizeGroupSimilarityRow {
  comparison: SizeGroupComparison;
  label: string;
  /** Number of judge pairs the mean runs over. */
  pairs: number;
  similarity: number;
  /** The value the paper reports (§4.2). */
  paperValue: number;
}

/** Paper §4.2: 0.83 within ≤14B, 0.88 within >30B, 0.74 between. */
export const PAPER_SIZE_GROUP_SIMILARITY: Readonly<Record<SizeGroupComparison, number>> = { small: 0.83, large: 0.88, between: 0.74 };

/**
 * The three means with their pair counts and the paper's values, over the open models among
 * `judges` (default: all; a partial refit passes the models it fitted).
 */
export function sizeGroupSimilarityRows(weights: WeightSet, judges: readonly string[] = JUDGE_IDS): SizeGroupSimilarityRow[] {
  const means = sizeGroupSimilarity(weights, similarityMatrix(weights, judges));
  const small = means.smallJudges.length;
  const large = means.largeJudges.length;
  const rows: [SizeGroupComparison, string, number][] = [
    ["small", `within ≤14B (${small} models)`, (small * (small - 1)) / 2],
    ["large", `within >30B (${large} models)`, (large * (large - 1)) / 2],
    ["between", "between ≤14B and >30B", small * large],
  ];
  return rows.map(([comparison, label, pairs]) => ({
    comparison,
    label,
    pairs,
    similarity: means[comparison],
    paperValue: PAPER_SIZE_GROUP_SIMILARITY[comparison],
  }));
}

/** Horizontal bars of the three means, value labels at the bar ends and paper values as ticks. */
export function buildSizeGroupSimilaritySpec(rows: readonly SizeGroupSimilarityRow[], options: FigureOptions = {}): TopLevelSpec {
  const labels = rows.map((row) => row.label);
  const y = { field: "label", type: "nominal" as const, sort: labels, axis: { title: null, labelFontSize: 12.5, domain: false, ticks: false } };
  const x = { field: "similarity", type: "quantitative" as const, scale: { domain: [0, 1] }, axis: { title: "mean similarity (Pearson r)", grid: true, tickCount: 10 } };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: FIGURE_CONFIG,
    title: figureTitle(
      "Models of similar size prefer similar things",
      [
        "Mean pairwise similarity of the 30 open models within and between size groups (Human and GPT excluded).",
        "Red ticks: the paper's values (§4.2).",
      ],
      options,
    ),
    width: 520,
    height: { step: 46 },
    data: { values: inlineValues(rows) },
    layer: [
      { mark: { type: "bar", color: "#6c8ebf", height: 26 }, encoding: { x, y } },
      {
        // Inside the bar end, so the paper's tick never covers the value.
        mark: { type: "text", align: "right", dx: -8, fontSize: 12.5, fontWeight: "bold", color: "white" },
        encoding: { x, y, text: { field: "similarity", type: "quantitative", format: ".3f" } },
      },
      {
        mark: { type: "tick", color: HALF_LINE_COLOUR, thickness: 3, size: 34 },
        encoding: { x: { ...x, field: "paperValue" }, y },
      },
      {
        mark: { type: "text", align: "center", baseline: "bottom", dy: -19, fontSize: 10.5, color: HALF_LINE_COLOUR },
        encoding: { x: { ...x, field: "paperValue" }, y, text: { field: "paperValue", type: "quantitative", format: ".2f" } },
      },
    ],
  };
}

export const sizeGroupSimilarityFigure: FigureDefinition<WeightSet, SizeGroupSimilarityRow> = {
  name: "fig-size-group-similarity",
  description: "Size groups: mean similarity within ≤14B, within >30B and between, against the paper's 0.83 / 0.88 / 0.74.",
  input: "weights",
  columns: ["comparison", "label", "pairs", "similarity", "paperValue"],
  rows: (weights) => sizeGroupSimilarityRows(weights),
  spec: buildSizeGroupSimilaritySpec,
};
