import type { WeightSet } from "@prefdissect/data";
import type { FigureDefinition, PaperFigurePlan } from "@prefdissect/figures";
import { removeFigureFiles, writeFigureFiles, type WrittenFigure } from "@prefdissect/figures/node";

/**
 * Draws a planned paper figure into `outDir`, or, when the plan skips it, removes the figure's
 * files from an earlier run and returns undefined.
 */
export async function drawPlannedFigure<Row extends object>(
  figure: FigureDefinition<WeightSet, Row>,
  plan: PaperFigurePlan<Row>,
  outDir: string,
): Promise<WrittenFigure | undefined> {
  if (plan.kind === "skip") {
    await removeFigureFiles(figure.name, outDir);
    return undefined;
  }
  return writeFigureFiles(figure, plan.rows, outDir, { sourceLabel: plan.sourceLabel });
}
