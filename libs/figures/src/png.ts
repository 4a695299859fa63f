/**
 * SVG → PNG with resvg (a native module, so Node only). Deterministic given the same fonts: system
 * fonts, DejaVu Sans as the fallback the text widths were measured with.
 */
import { Resvg } from "@resvg/resvg-js";
import { FONT_FAMILY } from "./theme.js";

/** PNG pixels per SVG pixel. */
export const PNG_ZOOM = 2;

/** Rasterises an SVG to PNG at `PNG_ZOOM`, white background. */
export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: PNG_ZOOM },
    font: { loadSystemFonts: true, defaultFontFamily: FONT_FAMILY },
    background: "white",
  });
  return resvg.render().asPng();
}
