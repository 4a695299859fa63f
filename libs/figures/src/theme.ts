/**
 * The shared look of every figure: one font (DejaVu Sans ships with nearly every Linux image and
 * is what the PNG renderer falls back to, so SVG and PNG measure text the same way), fixed sizes,
 * and a fixed colour per highlighted judge so the same judge looks the same in every figure.
 */
import type { Config } from "vega-lite";

export const FONT_FAMILY = "DejaVu Sans";

/** Vega-Lite config shared by every figure. */
export const FIGURE_CONFIG: Config = {
  font: FONT_FAMILY,
  background: "white",
  padding: 16,
  view: { stroke: null },
  title: {
    anchor: "start",
    fontSize: 16,
    fontWeight: "bold",
    color: "#1a1a1a",
    subtitleFontSize: 12,
    subtitleColor: "#4d4d4d",
    subtitlePadding: 6,
    offset: 14,
  },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: "normal",
    labelColor: "#333333",
    titleColor: "#333333",
    gridColor: "#e8e8e8",
    domainColor: "#8c8c8c",
    tickColor: "#8c8c8c",
  },
  legend: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: "normal", symbolSize: 120 },
  header: { labelFontSize: 12, titleFontSize: 12, labelColor: "#1a1a1a" },
  text: { font: FONT_FAMILY },
};

/** Colours of the judges the paper singles out; others use the neutral colour. */
export const JUDGE_COLOURS: Readonly<Record<string, string>> = {
  human: "#3a6ea5",
  "gpt-4-1106-preview": "#e07b28",
  "llama-2-70b-chat": "#4f9a55",
};

export const NEUTRAL_COLOUR = "#7f7f7f";
/** Line colour marking P = 50 %, the boundary between liked and disliked. */
export const HALF_LINE_COLOUR = "#d62728";
/** Text colours for preferred (P > 50) and disliked (P < 50) values in tables. */
export const PREFERRED_COLOUR = "#1f6f3f";
export const DISLIKED_COLOUR = "#a8322d";

/** Colour of a judge, the neutral grey when it has no colour of its own. */
export function judgeColour(judgeId: string): string {
  return JUDGE_COLOURS[judgeId] ?? NEUTRAL_COLOUR;
}
