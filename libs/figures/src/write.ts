/**
 * A figure's files: `<name>.svg`, `<name>.png` and `<name>.json` (exactly the rows plotted, keys
 * in the figure's column order). Written atomically, so a report never embeds half a file.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "@prefdissect/data/node";
import type { FigureDefinition } from "./figure.js";
import type { FigureOptions } from "./options.js";
import { renderSvg } from "./render.js";
import { svgToPng } from "./png.js";
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

const EXTENSIONS = ["svg", "png", "json"] as const;

/** Builds the figure's spec from `rows`, renders it and writes its three files into `outDir` (created when missing). */
export async function writeFigureFiles<Input, Row extends object>(
  figure: FigureDefinition<Input, Row>,
  rows: readonly Row[],
  outDir: string,
  options: FigureOptions = {},
): Promise<WrittenFigure> {
  const svg = await renderSvg(figure.spec(rows, options));
  const png = svgToPng(svg);
  const path = (extension: (typeof EXTENSIONS)[number]) => join(outDir, `${figure.name}.${extension}`);
  const [svgPath, pngPath, jsonPath] = [path("svg"), path("png"), path("json")];
  await writeFileAtomic(svgPath, svg);
  await writeFileAtomic(pngPath, png);
  await writeFileAtomic(jsonPath, rowsToJson(rows, figure.columns));
  return { name: figure.name, svgPath, pngPath, jsonPath, svg, png };
}

/**
 * Removes a figure's files from `outDir`. A figure that is not drawn this time must not leave an
 * older run's image behind, where the report would pick it up as if it belonged to this run.
 */
export async function removeFigureFiles(name: string, outDir: string): Promise<void> {
  await Promise.all(EXTENSIONS.map((extension) => rm(join(outDir, `${name}.${extension}`), { force: true })));
}
