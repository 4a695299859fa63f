/**
 * Figure 6 (similarity part): how close an aligned model's preferences stay to those of its
 * pretrained base. Panel (a) pairs each base with its own vendor's chat/instruct model; panel (b)
 * shows other fine-tunes of the same bases (Vicuna, Tulu, WizardLM, Zephyr, …). The shaded band is
 * the range the paper reports for most pairs (0.88–0.96).
 */
import type { TopLevelSpec } from "vega-lite";
import type { ColumnTable } from "arquero";
import { JUDGE_IDS, baseAlignedPairs, type WeightSet } from "@prefdissect/data";
import { judgeLabel } from "../labels.js";
import { measureText } from "../text/measure.js";
import { FIGURE_CONFIG } from "../theme.js";
import { figureTitle, type FigureOptions } from "../options.js";
import { inlineValues, type FigureDefinition } from "../figure.js";
import { meanPairSimilarities, requireAllScenarios, tableRows, type PairSimilarityRow } from "../steps.js";

export type AlignmentPanel = "same-vendor" | "other-fine-tune";

export interface AlignmentSimilarityRow {
  panel: AlignmentPanel;
  base: string;
  baseLabel: string;
  aligned: string;
  alignedLabel: string;
  similarity: number;
}

/** The paper's range for most base/aligned pairs (§4.2, Figure 6). */
export const PAPER_ALIGNMENT_RANGE: readonly [number, number] = [0.88, 0.96];

/**
 * Base/aligned similarities, same-vendor pairs first, each panel in catalog (size) order, from a
 * table of pair similarities averaged over the scenarios (`meanPairSimilarities`): every
 * base/aligned pair whose two models are in the table.
 */
export function alignmentSimilarityRows(pairs: ColumnTable): AlignmentSimilarityRow[] {
  const rows = tableRows<PairSimilarityRow>(pairs);
  requireAllScenarios(rows, "alignment similarity");
  const similarity = new Map(rows.map((row) => [`${row.judgeA}\n${row.judgeB}`, row.similarity]));
  const found = baseAlignedPairs().flatMap(({ base, aligned, sameVendor }) => {
    const value = similarity.get(`${base.id}\n${aligned.id}`) ?? similarity.get(`${aligned.id}\n${base.id}`);
    if (value === undefined) return [];
    return [
      {
        panel: (sameVendor ? "same-vendor" : "other-fine-tune") as AlignmentPanel,
        base: base.id,
        baseLabel: judgeLabel(base.id),
        aligned: aligned.id,
        alignedLabel: judgeLabel(aligned.id),
        similarity: value,
      },
    ];
  });
  return [...found.filter((row) => row.panel === "same-vendor"), ...found.filter((row) => row.panel === "other-fine-tune")];
}

const PANEL_TITLES: Readonly<Record<AlignmentPanel, string>> = {
  "same-vendor": "(a) pretrained base → the same vendor's aligned model",
  "other-fine-tune": "(b) pretrained base → other fine-tunes of it",
};

const PAIR_LABEL_SIZE = 11.5;

function pairLabel(row: AlignmentSimilarityRow): string {
  return `${row.baseLabel} → ${row.alignedLabel}`;
}

function panelSpec(rows: readonly AlignmentSimilarityRow[], panel: AlignmentPanel, domain: [number, number], labelWidth: number) {
  const inPanel = rows.filter((row) => row.panel === panel);
  const pairLabels = inPanel.map(pairLabel);
  const x = {
    field: "similarity",
    type: "quantitative" as const,
    scale: { domain, zero: false },
    axis: { title: "similarity (mean Pearson r over 11 scenarios)", grid: true },
  };
  const y = {
    field: "pair",
    type: "nominal" as const,
    sort: pairLabels,
    axis: { title: null, labelFontSize: PAIR_LABEL_SIZE, domain: false, ticks: false, labelLimit: 400, minExtent: labelWidth },
  };
  return {
    title: { text: PANEL_TITLES[panel], fontSize: 13, anchor: "start" as const, frame: "bounds" as const, offset: 8 },
    width: 440,
    height: { step: 24 },
    transform: [{ filter: `datum.panel === '${panel}'` }, { calculate: "datum.baseLabel + ' → ' + datum.alignedLabel", as: "pair" }],
    layer: [
      {
        // One band per panel: aggregate to a single row first so it is drawn once.
        transform: [{ aggregate: [{ op: "count" as const, as: "pairs" }] }],
        mark: { type: "rect" as const, color: "#fde8c8" },
        encoding: {
          x: { datum: PAPER_ALIGNMENT_RANGE[0], type: "quantitative" as const, scale: { domain, zero: false } },
          x2: { datum: PAPER_ALIGNMENT_RANGE[1] },
        },
      },
      { mark: { type: "rule" as const, color: "#b0b0b0" }, encoding: { x, x2: { datum: domain[0] }, y } },
      { mark: { type: "point" as const, filled: true, size: 90, color: "#3a6ea5" }, encoding: { x, y } },
      {
        mark: { type: "text" as const, align: "left" as const, dx: 8, fontSize: 11 },
        encoding: { x, y, text: { field: "similarity", type: "quantitative" as const, format: ".3f" } },
      },
    ],
  };
}

/** Two stacked dot panels of base/aligned similarity with the paper's range shaded. */
export function buildAlignmentSimilaritySpec(rows: readonly AlignmentSimilarityRow[], options: FigureOptions = {}): TopLevelSpec {
  const lowest = Math.min(PAPER_ALIGNMENT_RANGE[0], ...rows.map((row) => row.similarity));
  const domain: [number, number] = [Math.floor(lowest * 10) / 10, 1];
  const panels = (["same-vendor", "other-fine-tune"] as const).filter((panel) => rows.some((row) => row.panel === panel));
  // Both panels reserve the width of the longest label, so their plots and titles line up.
  const labelWidth = Math.ceil(Math.max(0, ...rows.map((row) => measureText(pairLabel(row), PAIR_LABEL_SIZE))));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: { ...FIGURE_CONFIG, concat: { spacing: 28 } },
    title: figureTitle(
      "Alignment keeps a model's preferences close to its base model's",
      ["Similarity of each pretrained-only model with its aligned versions. Shaded: 0.88–0.96, the range", "the paper reports for most pairs (Figure 6a)."],
      options,
    ),
    data: { values: inlineValues(rows) },
    vconcat: panels.map((panel) => panelSpec(rows, panel, domain, labelWidth)),
  };
}

export const alignmentSimilarity: FigureDefinition<WeightSet, AlignmentSimilarityRow> = {
  name: "fig06-alignment-similarity",
  description: "Figure 6 (similarity): base vs aligned similarity for same-vendor pairs (a) and other fine-tunes (b).",
  input: "weights",
  columns: ["panel", "base", "baseLabel", "aligned", "alignedLabel", "similarity"],
  rows: (weights) => alignmentSimilarityRows(meanPairSimilarities(weights, JUDGE_IDS)),
  spec: buildAlignmentSimilaritySpec,
};
