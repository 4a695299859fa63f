import { loadWeights } from "@prefdissect/data/node";
import type { WeightSet } from "@prefdissect/data";
import type { FigureDefinition } from "./figure.js";
import { parseWeightSource } from "./weights-source.js";
import { writeFigureFiles, type WrittenFigure } from "./write.js";

/** Weights plus the subtitle line naming where they came from. */
export interface FigureInputs {
  readonly weights: WeightSet;
  readonly sourceLabel: string;
}

/**
 * Loads the weights a notebook plots. `setting` is the `PD_WEIGHTS` value (see
 * `parseWeightSource`); released weights are fetched when missing (honouring `PD_MIRROR`).
 */
export async function loadFigureInputs(setting: string | undefined): Promise<FigureInputs> {
  const parsed = parseWeightSource(setting);
  const weights = await loadWeights({ source: parsed.source, ...(parsed.dir !== undefined ? { dir: parsed.dir } : {}) });
  return { weights, sourceLabel: parsed.label };
}

/** Builds the spec for `rows` and writes the figure's SVG, PNG and JSON into `outDir`. */
export async function drawFigure<Row extends object>(
  figure: FigureDefinition<Row>,
  rows: readonly Row[],
  options: { outDir: string; sourceLabel: string },
): Promise<WrittenFigure> {
  const spec = figure.spec(rows, { sourceLabel: options.sourceLabel });
  return writeFigureFiles(figure.name, spec, rows, figure.columns, options.outDir);
}
