/**
 * The weights a paper notebook plots, with a source line that also says when a refit was fitted
 * to synthetic data. The refit's summary.json (next to its weights folder) records that; released
 * weights get exactly the line `loadFigureInputs` gives, so released figures do not change.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { refitWeightsDir } from "@prefdissect/data/node";
import { readRefitSummary } from "@prefdissect/refit/node";
import { loadFigureInputs, type FigureInputs } from "./draw.js";
import { parseWeightSource } from "./weights-source.js";

/** Appended to the source line of figures drawn from a refit of synthetic data. */
export const SYNTHETIC_REFIT_NOTE = ", fitted to SYNTHETIC data (not the paper's)";

/** Whether the refit whose weights live in `weightsDir` was fitted to synthetic data (per its summary.json). */
export async function refitIsSynthetic(weightsDir: string): Promise<boolean> {
  const folder = dirname(weightsDir);
  // No summary: a folder of weight files from elsewhere, nothing known about its data.
  if (!existsSync(join(folder, "summary.json"))) return false;
  return (await readRefitSummary(folder)).source.synthetic;
}

/** `loadFigureInputs`, plus the SYNTHETIC note for a refit of synthetic data. */
export async function loadPaperFigureInputs(setting: string | undefined): Promise<FigureInputs> {
  const inputs = await loadFigureInputs(setting);
  const parsed = parseWeightSource(setting);
  if (parsed.source !== "refit") return inputs;
  const synthetic = await refitIsSynthetic(parsed.dir ?? refitWeightsDir());
  return synthetic ? { ...inputs, sourceLabel: `${inputs.sourceLabel}${SYNTHETIC_REFIT_NOTE}` } : inputs;
}
