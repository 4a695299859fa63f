/**
 * Table 3 of the paper as a figure: for every group (11 scenarios, then the 5 query-specific
 * cases) the three properties a judge likes most and the three it likes least, with P(p), Human
 * beside GPT-4-Turbo. A property shared by both judges' top-3 (or bottom-3) is set in bold, which
 * makes the paper's "same top-3 in some scenarios" visible at a glance.
 */
import type { TopLevelSpec } from "vega-lite";
import type { ColumnTable } from "arquero";
import { GPT4_TURBO, GROUP_IDS, HUMAN, groupById, weightsTable, type WeightSet } from "@prefdissect/data";
import { rankProperties } from "@prefdissect/similarity";
import { countInWords, groupLabel, propertyLabel, safeJudgeLabel } from "../labels.js";
import { DISLIKED_COLOUR, FIGURE_CONFIG, PREFERRED_COLOUR } from "../theme.js";
import { figureTitle, type FigureOptions } from "../options.js";
import { inlineValues, type FigureDefinition } from "../figure.js";
import { tableRows, withPreference, type PreferenceRow } from "../steps.js";

export interface TopBottomPropertyRow {
  group: string;
  groupLabel: string;
  groupKind: "scenario" | "query-specific";
  judge: string;
  judgeLabel: string;
  /** "top": most preferred first; "bottom": least preferred first. */
  end: "top" | "bottom";
  rank: number;
  propertyIndex: number;
  property: string;
  preference: number;
  /** The property is in the other judge's list at the same end for this group. */
  sharedWithOtherJudge: boolean;
}

export const TABLE03_JUDGES: readonly string[] = [HUMAN, GPT4_TURBO];
const TOP_K = 3;

/**
 * Top-k and bottom-k properties of each judge in each group of a P(p) table
 * (`withPreference(weightsTable(ws, { groups, judges }))`), groups and judges in the table's
 * order, with the shared-property flag.
 */
export function topBottomPropertyRows(preferences: ColumnTable, k: number = TOP_K): TopBottomPropertyRow[] {
  const vectors = new Map<string, Map<string, number[]>>();
  for (const row of tableRows<PreferenceRow>(preferences)) {
    if (!vectors.has(row.group)) vectors.set(row.group, new Map());
    const judges = vectors.get(row.group)!;
    if (!judges.has(row.judge)) judges.set(row.judge, []);
    judges.get(row.judge)![row.propertyIndex] = row.weight;
  }
  const rows: TopBottomPropertyRow[] = [];
  for (const [group, judges] of vectors) {
    const ranked = [...judges].map(([judge, vector]) => ({ judge, ...rankProperties(vector, k) }));
    for (const { judge, top, bottom } of ranked) {
      for (const end of ["top", "bottom"] as const) {
        const list = end === "top" ? top : bottom;
        const others = new Set(
          ranked.filter((other) => other.judge !== judge).flatMap((other) => (end === "top" ? other.top : other.bottom).map((entry) => entry.property.index)),
        );
        list.forEach((entry, position) => {
          rows.push({
            group,
            groupLabel: groupLabel(group),
            groupKind: groupById(group).kind,
            judge,
            judgeLabel: safeJudgeLabel(judge),
            end,
            rank: position + 1,
            propertyIndex: entry.property.index,
            property: propertyLabel(entry.property.index),
            preference: entry.preference,
            sharedWithOtherJudge: others.has(entry.property.index),
          });
        });
      }
    }
  }
  return rows;
}

const ROW_HEIGHT = 17;
const COLUMN_WIDTH = 215;
const COLUMN_AXIS = {
  title: null,
  orient: "top" as const,
  labelAngle: 0,
  labelFontSize: 12,
  labelFontWeight: "bold" as const,
  labelAlign: "left" as const,
  labelOffset: -(COLUMN_WIDTH / 2) + 8,
  domain: false,
  ticks: false,
  labelPadding: 6,
};

/** A text table: one facet row per group, four columns (judge × top/bottom), three lines each. */
export function buildTopBottomPropertiesSpec(rows: readonly TopBottomPropertyRow[], options: FigureOptions = {}): TopLevelSpec {
  const judges = [...new Set(rows.map((row) => row.judgeLabel))];
  const ranks = Math.max(1, ...rows.map((row) => row.rank));
  const columns = judges.flatMap((judge) => [`${judge} · top ${ranks}`, `${judge} · bottom ${ranks}`]);
  const groupHeaders = [...new Set(rows.map((row) => headerOf(row)))];
  // Every layer repeats the axis: layer encodings replace a channel as a whole, and one layer
  // without it would merge into a default bottom axis.
  const x = { field: "column", type: "nominal" as const, sort: columns, axis: COLUMN_AXIS };
  const textEncoding = {
    x: { ...x, bandPosition: 0 },
    y: { field: "rank", type: "ordinal" as const },
    text: { field: "property" },
    color: {
      field: "end",
      type: "nominal" as const,
      scale: { domain: ["top", "bottom"], range: [PREFERRED_COLOUR, DISLIKED_COLOUR] },
      legend: null,
    },
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: { ...FIGURE_CONFIG, facet: { spacing: 6 } },
    title: figureTitle(
      `Most and least preferred properties per group: ${judges.join(" vs ")}`,
      [
        `Each cell lists ${countInWords(ranks)} properties with P(p) in %: top ${ranks} (green) are liked most, bottom ${ranks} (red) liked least.`,
        `Bold: the other judge has the same property at the same end. ◆ marks the five query-specific cases.`,
      ],
      options,
    ),
    data: { values: inlineValues(rows) },
    transform: [
      { calculate: `datum.judgeLabel + (datum.end === 'top' ? ' · top ${ranks}' : ' · bottom ${ranks}')`, as: "column" },
      { calculate: "(datum.groupKind === 'query-specific' ? '◆ ' : '') + datum.groupLabel", as: "groupHeader" },
      { calculate: "format(datum.preference, '.1f')", as: "preferenceText" },
    ],
    facet: {
      row: {
        field: "groupHeader",
        type: "nominal",
        sort: groupHeaders,
        header: { title: null, labelAngle: 0, labelAlign: "left", labelOrient: "left", labelFontSize: 12, labelFontWeight: "bold", labelPadding: 10 },
      },
    },
    spec: {
      width: COLUMN_WIDTH * columns.length,
      height: ROW_HEIGHT * ranks,
      layer: [
        {
          // Alternate column shading so the four lists read as columns.
          mark: { type: "rect", color: "#f3f3f3" },
          transform: [{ filter: "datum.end === 'top'" }, { filter: "datum.rank === 1" }],
          encoding: { x, y: { value: 0 }, y2: { value: ROW_HEIGHT * ranks } },
        },
        {
          mark: { type: "text", align: "left", baseline: "middle", dx: 8, fontSize: 11.5 },
          transform: [{ filter: "!datum.sharedWithOtherJudge" }],
          encoding: textEncoding,
        },
        {
          mark: { type: "text", align: "left", baseline: "middle", dx: 8, fontSize: 11.5, fontWeight: "bold" },
          transform: [{ filter: "datum.sharedWithOtherJudge" }],
          encoding: textEncoding,
        },
        {
          mark: { type: "text", align: "right", baseline: "middle", dx: -10, fontSize: 11.5 },
          encoding: {
            ...textEncoding,
            x: { ...textEncoding.x, bandPosition: 1 },
            text: { field: "preferenceText" },
          },
        },
      ],
      encoding: { x, y: { field: "rank", type: "ordinal", axis: null } },
    },
  };
}

function headerOf(row: TopBottomPropertyRow): string {
  return (row.groupKind === "query-specific" ? "◆ " : "") + row.groupLabel;
}

export const topBottomProperties: FigureDefinition<WeightSet, TopBottomPropertyRow> = {
  name: "table03-top-bottom-properties",
  description: "Table 3: top-3 and bottom-3 properties with P(p) per group, Human beside GPT-4-Turbo.",
  input: "weights",
  columns: ["group", "groupLabel", "groupKind", "judge", "judgeLabel", "end", "rank", "propertyIndex", "property", "preference", "sharedWithOtherJudge"],
  rows: (weights) => topBottomPropertyRows(withPreference(weightsTable(weights, { groups: GROUP_IDS, judges: TABLE03_JUDGES }))),
  spec: buildTopBottomPropertiesSpec,
};
