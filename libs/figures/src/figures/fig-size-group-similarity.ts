/**
 * The size-group summary of §4.2: mean pairwise similarity inside the ≤14B open models (20, the
 * Qwen-14B pair included), inside the >30B open models (10), and between the two groups. The
 * paper's values are drawn as ticks so a reproduction can be checked by eye.
 */
import type { TopLevelSpec } from "vega-lite";
import { escape, op, type ColumnTable } from "arquero";
import { JUDGE_IDS, judgeById, sizeGroup, type WeightSet } from "@prefdissect/data";
import { FIGURE_CONFIG, HALF_LINE_COLOUR } from "../theme.js";
import { figureTitle, type FigureOptions } from "../options.js";
import { inlineValues, type FigureDefinition } from "../figure.js";
import { meanPairSimilarities, pairedJudges, requireAllScenarios, tableRows, type PairSimilarityRow } from "../steps.js";

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

/** Which of the three comparisons a pair of judges belongs to; null for Human, the GPT models and other pairs. */
function comparisonOf(a: string, b: string): SizeGroupComparison | null {
  const groups = [sizeGroup(judgeById(a)), sizeGroup(judgeById(b))];
  if (groups.includes(undefined)) return null;
  return groups[0] === groups[1] ? groups[0]! : "between";
}

/**
 * The three means with their pair counts and the paper's values, from a table of pair
 * similarities averaged over the scenarios (`meanPairSimilarities`): the pairs are labelled
 * small / large / between and averaged per label (`groupby("comparison").rollup(...)`). Human and
 * the GPT models take no part. Empty unless both size groups have at least two models.
 */
export function sizeGroupSimilarityRows(pairs: ColumnTable): SizeGroupSimilarityRow[] {
  const rows = tableRows<PairSimilarityRow>(pairs);
  requireAllScenarios(rows, "size-group similarity");
  const judges = pairedJudges(rows);
  const small = judges.filter((id) => sizeGroup(judgeById(id)) === "small").length;
  const large = judges.filter((id) => sizeGroup(judgeById(id)) === "large").length;
  if (small < 2 || large < 2) return [];
  const means = tableRows<{ comparison: SizeGroupComparison; total: number; pairs: number }>(
    pairs
      .derive({ comparison: escape((row: PairSimilarityRow) => comparisonOf(row.judgeA, row.judgeB)) })
      .filter((row: { comparison: SizeGroupComparison | null }) => row.comparison !== null)
      .groupby("comparison")
      .rollup({ total: op.sum("similarity"), pairs: op.count() }),
  );
  const labels: Record<SizeGroupComparison, string> = {
    small: `within ≤14B (${small} models)`,
    large: `within >30B (${large} models)`,
    between: "between ≤14B and >30B",
  };
  return (["small", "large", "between"] as const).map((comparison) => {
    const mean = means.find((row) => row.comparison === comparison)!;
    return {
      comparison,
      label: labels[comparison],
      pairs: mean.pairs,
      similarity: mean.total / mean.pairs,
      paperValue: PAPER_SIZE_GROUP_SIMILARITY[comparison],
    };
  });
}

/** Horizontal bars of the three means, value labels at the bar ends and paper values as ticks. */
export function buildSizeGroupSimilaritySpec(rows: readonly SizeGroupSimilarityRow[], options: FigureOptions = {}): TopLevelSpec {
  const labels = rows.map((row) => row.label);
  const y = { field: "label", type: "nominal" as const, sort: labels, axis: { title: null, labelFontSize: 12.5, domain: false, ticks: false } };
  const x = {
    field: "similarity",
    type: "quantitative" as const,
    scale: { domain: [0, 1] },
    axis: { title: "mean similarity (Pearson r)", grid: true, tickCount: 10 },
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: FIGURE_CONFIG,
    title: figureTitle(
      "Models of similar size prefer similar things",
      ["Mean pairwise similarity of the 30 open models within and between size groups (Human and GPT excluded).", "Red ticks: the paper's values (§4.2)."],
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
  rows: (weights) => sizeGroupSimilarityRows(meanPairSimilarities(weights, JUDGE_IDS)),
  spec: buildSizeGroupSimilaritySpec,
};
