import { join } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { writeFileAtomic } from "@prefdissect/data/node";
import { renderSvg, svgToPng } from "./render.js";
import { rowsToJson } from "./rows-json.js";

/** What `writeFigureFiles` wrote. */
export interface WrittenFigure {
  readonly name: string;
  readonly svgPath: string;
  readonly pngPath: string;
  readonly jsonPath: string;
  readonly svg: string;
  readonly png: Buffer;
}

/**
 * Renders `spec` and writes `<outDir>/<name>.svg`, `<name>.png` and `<name>.json` (the rows, keys
 * in `columns` order). Creates `outDir` when missing.
 */
export async function writeFigureFiles<Row extends object>(
  name: string,
  spec: TopLevelSpec,
  rows: readonly Row[],
  columns: readonly (keyof Row & string)[],
  outDir: string,
): Promise<WrittenFigure> {
  const svg = await renderSvg(spec);
  const png = svgToPng(svg);
  const svgPath = join(outDir, `${name}.svg`);
  const pngPath = join(outDir, `${name}.png`);
  const jsonPath = join(outDir, `${name}.json`);
  await writeFileAtomic(svgPath, svg);
  await writeFileAtomic(pngPath, png);
  await writeFileAtomic(jsonPath, rowsToJson(rows, columns));
  return { name, svgPath, pngPath, jsonPath, svg, png };
}
