/**
 * Figure 7's question, asked before any model is trained or prompted: on which properties could a
 * judge be gamed? For each judge, the properties whose improvement would raise its predicted win
 * rate most, and those at the other end, which would raise it least or lower it (the estimate of
 * @prefdissect/manipulation, mean over the 11 scenarios). Below them, the shifts the paper
 * measured with its own prompting and DPO runs, which this project does not reproduce.
 *
 * The estimates come in already computed: the estimate belongs to the manipulation library, which
 * sits beside this one, so the notebook computes it and this module only selects and draws.
 */
import type { TopLevelSpec } from "vega-lite";
import { GPT4_TURBO, HUMAN } from "@prefdissect/data";
import { propertyLabel, safeJudgeLabel } from "../labels.js";
import { DISLIKED_COLOUR, FIGURE_CONFIG, PREFERRED_COLOUR } from "../theme.js";
import { figureTitle, type FigureOptions } from "../options.js";
import { inlineValues, type FigureDefinition } from "../figure.js";

/** The judges the figure shows, in panel order. */
export const FIG07_JUDGES: readonly string[] = [HUMAN, GPT4_TURBO, "gpt-3.5-turbo-1106"];

/** Properties listed at each end per judge. */
export const FIG07_PROPERTIES_PER_END = 5;

/** One property's estimated change in win rate (percentage points), with an interval when there are posterior draws. */
export interface GameabilityGain {
  readonly propertyIndex: number;
  readonly gain: number;
  readonly low?: number;
  readonly high?: number;
}

/** A number the paper reported for its manipulation runs. */
export interface ReportedManipulationShift {
  readonly benchmark: string;
  readonly setting: string;
  readonly value: number;
  readonly unit: string;
}

export interface GameabilityFigureInput {
  /** Per judge, in panel order: the gains of all 29 properties (any order) and the pairs averaged over. */
  readonly estimates: readonly { readonly judge: string; readonly pairs: number; readonly gains: readonly GameabilityGain[] }[];
  /** Which pairs the estimates average over, e.g. "the SYNTHETIC pairs of pd synth --weights released --seed 0". */
  readonly data: string;
  /** The paper's shifts, drawn as text beside the estimates. */
  readonly reported: readonly ReportedManipulationShift[];
  /** How the paper's shifts are labelled, e.g. "reported by the paper, not reproduced here". */
  readonly reportedLabel: string;
}

export interface GameabilityRow {
  /** "estimate": our predicted change; "reported": a number of the paper's runs. */
  kind: "estimate" | "reported";
  /** The panel: a judge's name, or the paper's label for reported numbers. */
  panel: string;
  judge: string | null;
  /** "gain": among the largest changes; "loss": among the smallest (the largest decreases, when there are any). */
  end: "gain" | "loss" | null;
  /** Order within the panel and end, from 1. */
  rank: number;
  propertyIndex: number | null;
  /** The property, or the benchmark and setting of a reported number. */
  label: string;
  /** Estimates: percentage points of win rate; reported: the paper's value in `unit`. */
  value: number;
  low: number | null;
  high: number | null;
  unit: string;
  /** Pairs the estimate averages over. */
  pairs: number | null;
  /** Which pairs (estimates) or the label of the paper's numbers (reported). */
  data: string;
}

const ESTIMATE_UNIT = "points of win rate";

/** The k largest and the k smallest changes per judge (smallest first), then one row per reported number. */
export function gameabilityRows(input: GameabilityFigureInput, k: number = FIG07_PROPERTIES_PER_END): GameabilityRow[] {
  const rows: GameabilityRow[] = [];
  for (const estimate of input.estimates) {
    const ranked = [...estimate.gains].sort((a, b) => b.gain - a.gain || a.propertyIndex - b.propertyIndex);
    // With fewer than 2k properties the ends meet; none is listed twice.
    const ends = { gain: ranked.slice(0, k), loss: ranked.slice(Math.max(k, ranked.length - k)).reverse() } as const;
    for (const end of ["gain", "loss"] as const) {
      ends[end].forEach((gain, position) =>
        rows.push({
          kind: "estimate",
          panel: safeJudgeLabel(estimate.judge),
          judge: estimate.judge,
          end,
          rank: position + 1,
          propertyIndex: gain.propertyIndex,
          label: propertyLabel(gain.propertyIndex),
          value: gain.gain,
          low: gain.low ?? null,
          high: gain.high ?? null,
          unit: ESTIMATE_UNIT,
          pairs: estimate.pairs,
          data: input.data,
        }),
      );
    }
  }
  input.reported.forEach((shift, position) =>
    rows.push({
      kind: "reported",
      panel: input.reportedLabel,
      judge: null,
      end: null,
      rank: position + 1,
      propertyIndex: null,
      label: `${shift.benchmark}, ${shift.setting}`,
      value: shift.value,
      low: null,
      high: null,
      unit: shift.unit,
      pairs: null,
      data: input.reportedLabel,
    }),
  );
  return rows;
}

const PANEL_WIDTH = 250;

/**
 * The labels of the bars that rise (gains) or fall: the property's name on the other side of the
 * zero line, so bar and name never overlap, and the value at the bar's end.
 */
function textLayers(rising: boolean, y: { field: string; type: "ordinal"; axis: null }) {
  const filter = rising ? "datum.value >= 0" : "datum.value < 0";
  return [
    {
      transform: [{ filter }],
      mark: { type: "text" as const, baseline: "middle" as const, fontSize: 11, align: rising ? ("right" as const) : ("left" as const), dx: rising ? -4 : 4 },
      encoding: { y, x: { datum: 0 }, text: { field: "label" } },
    },
    {
      transform: [{ filter }],
      mark: {
        type: "text" as const,
        baseline: "middle" as const,
        fontSize: 10,
        color: "#4d4d4d",
        align: rising ? ("left" as const) : ("right" as const),
        dx: rising ? 3 : -3,
      },
      encoding: { y, x: { field: "value", type: "quantitative" as const }, text: { field: "valueText" } },
    },
  ];
}
const BAR_STEP = 17;

/**
 * One bar panel per judge (largest gains in green on top, largest losses in red below, a 90 %
 * interval as a line where there are draws), and a text panel with the paper's numbers.
 */
export function buildGameabilitySpec(rows: readonly GameabilityRow[], options: FigureOptions = {}): TopLevelSpec {
  const estimates = rows.filter((row) => row.kind === "estimate");
  const reported = rows.filter((row) => row.kind === "reported");
  const panels = [...new Set(estimates.map((row) => row.panel))];
  const perPanel = Math.max(1, ...panels.map((panel) => estimates.filter((row) => row.panel === panel).length));
  const extent = Math.max(0.5, ...estimates.flatMap((row) => [Math.abs(row.value), Math.abs(row.low ?? 0), Math.abs(row.high ?? 0)]));
  const domain = [-Math.ceil(extent), Math.ceil(extent)];
  const pairs = [...new Set(estimates.map((row) => row.pairs))];
  const withIntervals = estimates.some((row) => row.low !== null);
  const data = estimates[0]?.data;
  const reportedLabel = reported[0]?.panel;
  const y = { field: "order", type: "ordinal" as const, axis: null };
  const estimateView = {
    transform: [
      { filter: "datum.kind === 'estimate'" },
      // Gains first, largest on top; then losses, largest at the bottom.
      { calculate: `datum.end === 'gain' ? datum.rank : ${2 * perPanel} - datum.rank`, as: "order" },
      { calculate: "(datum.value >= 0 ? '+' : '') + format(datum.value, '.2f')", as: "valueText" },
      { calculate: "datum.value >= 0 ? 'raises' : 'lowers'", as: "direction" },
    ],
    facet: { column: { field: "panel", type: "nominal" as const, sort: panels, title: null, header: { labelFontSize: 13, labelFontWeight: "bold" as const } } },
    resolve: { scale: { y: "independent" as const } },
    spec: {
      width: PANEL_WIDTH,
      height: BAR_STEP * perPanel,
      layer: [
        {
          mark: { type: "bar" as const, height: BAR_STEP - 4 },
          encoding: {
            y,
            x: { field: "value", type: "quantitative" as const, scale: { domain }, title: "Change in predicted win rate (points)" },
            color: {
              field: "direction",
              type: "nominal" as const,
              scale: { domain: ["raises", "lowers"], range: [PREFERRED_COLOUR, DISLIKED_COLOUR] },
              legend: null,
            },
          },
        },
        ...(withIntervals
          ? [
              {
                mark: { type: "rule" as const, color: "#1a1a1a" },
                transform: [{ filter: "datum.low !== null" }],
                encoding: { y, x: { field: "low", type: "quantitative" as const }, x2: { field: "high" } },
              },
            ]
          : []),
        ...[true, false].flatMap((rising) => textLayers(rising, y)),
        { mark: { type: "rule" as const, color: "#8c8c8c" }, encoding: { x: { datum: 0 } } },
      ],
    },
  };
  const reportedView = {
    title: { text: `The paper's measured shifts (${reportedLabel ?? "reported by the paper"}):`, fontSize: 12, anchor: "start" as const },
    transform: [{ filter: "datum.kind === 'reported'" }, { calculate: "datum.label + ': ' + format(datum.value, '.2f') + ' ' + datum.unit", as: "line" }],
    width: PANEL_WIDTH * Math.max(1, panels.length),
    height: BAR_STEP * Math.max(1, reported.length),
    mark: { type: "text" as const, align: "left" as const, baseline: "middle" as const, fontSize: 11.5 },
    encoding: { y: { field: "rank", type: "ordinal" as const, axis: null }, x: { value: 0 }, text: { field: "line" } },
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: FIGURE_CONFIG,
    title: figureTitle(
      `How could a judge be gamed? ${panels.join(", ")}`,
      [
        "Change in the judge's predicted win rate (percentage points, from 50 %) if every response got better on one property alone,",
        `mean over the 11 scenarios. Top: the ${FIG07_PROPERTIES_PER_END} largest gains; below them the ${FIG07_PROPERTIES_PER_END} smallest, red where the change is a loss${withIntervals ? "; lines: 90 % intervals from posterior draws" : " (point estimates)"}.`,
        ...(data !== undefined
          ? [`Averaged over both responses of ${pairs.map((count) => (count ?? 0).toLocaleString("en-US")).join(" / ")} pairs: ${data}.`]
          : []),
      ],
      options,
    ),
    data: { values: inlineValues(rows) },
    vconcat: reported.length > 0 ? [estimateView, reportedView] : [estimateView],
    spacing: 18,
  };
}

export const gameabilityFigure: FigureDefinition<GameabilityFigureInput, GameabilityRow> = {
  name: "fig07-gameability",
  description:
    "Figure 7 (estimated): the properties whose improvement would raise or lower the predicted win rate of Human, GPT-4-Turbo and GPT-3.5-Turbo most, beside the paper's measured shifts.",
  input: "gameability",
  columns: ["kind", "panel", "judge", "end", "rank", "propertyIndex", "label", "value", "low", "high", "unit", "pairs", "data"],
  rows: (input) => gameabilityRows(input),
  spec: buildGameabilitySpec,
};
