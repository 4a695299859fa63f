/**
 * Dataset statistics: label balance. For every group and judge, the share of pairs in which the
 * judge preferred response A. Response order was not chosen by quality, so a judge near 50 % has
 * no position bias to speak of; one far from it prefers a position (or the group's A responses
 * happen to be better). Human is highlighted; every other judge is a grey dot.
 */
import type { TopLevelSpec } from "vega-lite";
import { GROUP_IDS, HUMAN, JUDGE_IDS, groupById, type FeatureDataset } from "@prefdissect/data";
import { inCatalogOrder, safeGroupLabel, safeJudgeLabel } from "../labels.js";
import { FIGURE_CONFIG, HALF_LINE_COLOUR, NEUTRAL_COLOUR, judgeColour } from "../theme.js";
import { figureTitle, type FigureOptions } from "../options.js";
import { inlineValues, type FigureDefinition } from "../figure.js";
import { markSynthetic } from "./dataset-source.js";

export interface LabelBalanceRow {
  group: string;
  groupLabel: string;
  judge: string;
  judgeLabel: string;
  highlighted: boolean;
  /** Pairs of the group (all of them: the label is known even when the error check was not). */
  pairs: number;
  /** Share of those pairs where response A was preferred, in percent. */
  shareA: number;
}

/** Share of A-preferred pairs for every judge with labels in every group that has pairs. */
export function labelBalanceRows(dataset: Pick<FeatureDataset, "rows" | "labels">, highlight: string = HUMAN): LabelBalanceRow[] {
  const members = new Map<string, number[]>();
  for (const row of dataset.rows) {
    for (const group of row.groups) {
      const list = members.get(group) ?? [];
      list.push(row.index);
      members.set(group, list);
    }
  }
  const judges = inCatalogOrder(dataset.labels.keys(), JUDGE_IDS);
  const rows: LabelBalanceRow[] = [];
  for (const group of inCatalogOrder(members.keys(), GROUP_IDS)) {
    const indices = members.get(group)!;
    for (const judge of judges) {
      const labels = dataset.labels.get(judge)!;
      const a = indices.reduce((count, index) => count + (labels[index] === "A" ? 1 : 0), 0);
      rows.push({
        group,
        groupLabel: safeGroupLabel(group),
        judge,
        judgeLabel: safeJudgeLabel(judge),
        highlighted: judge === highlight,
        pairs: indices.length,
        shareA: (100 * a) / indices.length,
      });
    }
  }
  return rows;
}

/** One line per group: grey dots for the judges, the highlighted judge as a large coloured dot. */
export function buildLabelBalanceSpec(rows: readonly LabelBalanceRow[], options: FigureOptions = {}): TopLevelSpec {
  const groups = [...new Set(rows.map((row) => `${row.groupLabel} (${row.pairs})`))];
  const judges = new Set(rows.map((row) => row.judge)).size;
  const highlighted = rows.find((row) => row.highlighted);
  const values = rows.map((row) => row.shareA);
  const spread = Math.max(10, ...values.map((value) => Math.abs(value - 50)));
  const half = Math.ceil(spread / 5) * 5;
  const domain = [50 - half, 50 + half];
  const hasScenarioSplit = rows.some((row) => groupKindOf(row.group) === "query-specific");
  const y = { field: "groupText", type: "nominal" as const, sort: groups, axis: { title: null, labelFontSize: 12, domain: false, ticks: false, labelLimit: 260 } };
  const x = { field: "shareA", type: "quantitative" as const, scale: { domain, nice: false, zero: false }, axis: { title: "pairs where response A was preferred (%)", grid: true } };
  const legendNote = highlighted
    ? `Large ${colourName(highlighted.judge)} dot: ${highlighted.judgeLabel}; grey dots: the other ${judges - 1} judges. Red dashed line: 50 %.`
    : `Grey dots: the ${judges} judges. Red dashed line: 50 %.`;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: FIGURE_CONFIG,
    title: figureTitle(
      markSynthetic("Label balance: how often is the first response preferred?", options.synthetic),
      [
        `Share of a group's pairs (count in brackets) where each judge preferred response A.${hasScenarioSplit ? " Scenarios first, then query-specific cases." : ""}`,
        legendNote,
      ],
      options,
    ),
    width: 560,
    height: { step: 24 },
    data: { values: inlineValues(rows) },
    transform: [{ calculate: "datum.groupLabel + ' (' + datum.pairs + ')'", as: "groupText" }],
    layer: [
      {
        data: { values: [{ boundary: 50 }] },
        mark: { type: "rule", color: HALF_LINE_COLOUR, strokeDash: [6, 4], strokeWidth: 1.5 },
        encoding: { x: { field: "boundary", type: "quantitative" } },
      },
      {
        transform: [{ filter: "!datum.highlighted" }],
        mark: { type: "circle", color: NEUTRAL_COLOUR, opacity: 0.45, size: 38 },
        encoding: { x, y, tooltip: [{ field: "judgeLabel", title: "judge" }, { field: "shareA", format: ".1f", title: "% A" }] },
      },
      {
        transform: [{ filter: "datum.highlighted" }],
        mark: { type: "circle", color: highlighted ? judgeColour(highlighted.judge) : NEUTRAL_COLOUR, opacity: 1, size: 130, stroke: "white", strokeWidth: 1 },
        encoding: { x, y, tooltip: [{ field: "judgeLabel", title: "judge" }, { field: "shareA", format: ".1f", title: "% A" }] },
      },
    ],
  };
}

function groupKindOf(group: string): string | undefined {
  try {
    return groupById(group).kind;
  } catch {
    return undefined;
  }
}

/** Plain-word colour of a highlighted judge, for the subtitle. */
function colourName(judge: string): string {
  return judge === HUMAN ? "blue" : "coloured";
}

export const dataLabelBalance: FigureDefinition<Pick<FeatureDataset, "rows" | "labels">, LabelBalanceRow> = {
  name: "data-label-balance",
  description: "Dataset statistics: share of pairs where response A was preferred, per group; Human highlighted, other judges as dots.",
  input: "feature-dataset",
  columns: ["group", "groupLabel", "judge", "judgeLabel", "highlighted", "pairs", "shareA"],
  rows: (dataset) => labelBalanceRows(dataset),
  spec: buildLabelBalanceSpec,
};
