/**
 * Text widths for layout. Vega measures text with a canvas, which Node does not have; its fallback
 * guesses 0.8 em per character, which cuts labels short and leaves wide margins. Figures use one
 * font (DejaVu Sans), so its real advance widths give layouts that match what the PNG renderer
 * draws. Kerning is ignored (a fraction of a pixel per label).
 */
import { DEJAVU_SANS_BOLD_WIDTHS, DEJAVU_SANS_WIDTHS } from "./dejavu-widths.js";

/** Width (em) used for characters missing from the table: DejaVu's typical letter width. */
const FALLBACK_EM = 0.62;

/** Width in pixels of `text` set in DejaVu Sans at `fontSize`. */
export function measureText(text: string, fontSize: number, bold = false): number {
  const table = bold ? DEJAVU_SANS_BOLD_WIDTHS : DEJAVU_SANS_WIDTHS;
  let em = 0;
  for (const character of text) em += table[character] ?? FALLBACK_EM;
  return em * fontSize;
}

/** Whether a Vega font weight renders bold. */
export function isBoldWeight(weight: unknown): boolean {
  if (weight === "bold" || weight === "bolder") return true;
  const numeric = Number(weight);
  return Number.isFinite(numeric) && numeric >= 600;
}

/** The scenegraph fields a text width depends on. */
interface TextItem {
  fontSize?: number;
  fontWeight?: unknown;
}

/** Vega `textMetrics.width` replacement: same defaults as Vega (11 px when no size is set). */
export function vegaTextWidth(item: TextItem, text: unknown): number {
  const value = text == null ? "" : String(text).trim();
  const fontSize = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  return measureText(value, fontSize, isBoldWeight(item.fontWeight));
}
