/**
 * Headless rendering: Vega-Lite → Vega → SVG, with no canvas (text is measured by estimate, see
 * text/measure.ts), so it runs the same in Node and in a browser. The SVG is byte-identical
 * across runs: Vega's SVG has no timestamps and clip-path ids are renumbered per document.
 * Rasterising to PNG needs resvg and is in the Node entry (png.ts).
 *
 * vega 6 uses top-level await, which `require()` cannot load (tslab compiles notebook imports to
 * `require`). So vega and vega-lite are loaded with a dynamic `import()` inside the function, never
 * at module top level.
 */
import type { TopLevelSpec } from "vega-lite";
import { vegaTextWidth } from "./text/measure.js";

/** Renders a Vega-Lite spec to an SVG document. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [vegaLite, vega] = await Promise.all([import("vega-lite"), import("vega")]);
  // Vega reads this hook for every label, truncation and layout bound (see text/measure.ts).
  // The typings omit `textMetrics`, which vega-scenegraph exports for exactly this purpose.
  (vega as unknown as { textMetrics: { width: typeof vegaTextWidth } }).textMetrics.width = vegaTextWidth;
  const { spec: vegaSpec } = vegaLite.compile(spec);
  const view = new vega.View(vega.parse(vegaSpec), { renderer: "none", logLevel: vega.Warn });
  try {
    return normalizeSvg(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/**
 * Renumbers generated ids (`clip12` → `clip1`, in order of first appearance) so an SVG does not
 * depend on how many views the process rendered before it.
 */
export function normalizeSvg(svg: string): string {
  const renamed = new Map<string, string>();
  const counters = new Map<string, number>();
  for (const [, prefix, number] of svg.matchAll(/id="([a-zA-Z_-]+)(\d+)"/g)) {
    const id = `${prefix}${number}`;
    if (renamed.has(id)) continue;
    const next = (counters.get(prefix!) ?? 0) + 1;
    counters.set(prefix!, next);
    renamed.set(id, `${prefix}${next}`);
  }
  if (renamed.size === 0) return svg;
  return svg.replace(/(id="|url\(#|href="#)([a-zA-Z_-]+\d+)/g, (whole, lead: string, id: string) => {
    const target = renamed.get(id);
    return target === undefined ? whole : `${lead}${target}`;
  });
}
