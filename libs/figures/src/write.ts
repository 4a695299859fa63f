import { mkdir, writeFile, rename } from "node:fs/promises";
import { join } from "node:path";
import type { TopLevelSpec } from "vega-lite";
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

/** Writes through a temporary file and a rename, so a reader never sees half a figure. */
async function writeAtomically(path: string, content: string | Buffer): Promise<void> {
  const temporary = `${path}.tmp-${process.pid}`;
  await writeFile(temporary, content);
  await rename(temporary, path);
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
  await mkdir(outDir, { recursive: true });
  const svgPath = join(outDir, `${name}.svg`);
  const pngPath = join(outDir, `${name}.png`);
  const jsonPath = join(outDir, `${name}.json`);
  await writeAtomically(svgPath, svg);
  await writeAtomically(pngPath, png);
  await writeAtomically(jsonPath, rowsToJson(rows, columns));
  return { name, svgPath, pngPath, jsonPath, svg, png };
}
