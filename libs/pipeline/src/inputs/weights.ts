/**
 * The weights a figure is drawn from, with the source line every figure prints: the authors'
 * released weights (fetched when missing, honouring `PD_MIRROR`) or a refit, marked when the
 * refit was fitted to synthetic data (its summary.json says so).
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import type { WeightSet } from "@prefdissect/data";
import { loadWeights, refitWeightsDir } from "@prefdissect/data/node";
import { readRefitSummary } from "@prefdissect/refit/node";
import { parseWeightSource } from "../weights-source.js";

/** Weights plus the subtitle line naming where they came from. */
export interface FigureWeights {
  readonly weights: WeightSet;
  readonly sourceLabel: string;
  /** True for a refit of synthetic data. */
  readonly synthetic: boolean;
}

/** Appended to the source line of figures drawn from a refit of synthetic data. */
export const SYNTHETIC_REFIT_NOTE = ", fitted to SYNTHETIC data (not the paper's)";

/** Whether the refit whose weights live in `weightsDir` was fitted to synthetic data (per its summary.json). */
export async function refitIsSynthetic(weightsDir: string): Promise<boolean> {
  const folder = dirname(weightsDir);
  // No summary: a folder of weight files from elsewhere, nothing known about its data.
  if (!existsSync(join(folder, "summary.json"))) return false;
  return (await readRefitSummary(folder)).source.synthetic;
}

/**
 * Loads the weights named by `setting` (the `PD_WEIGHTS` value, see `parseWeightSource`).
 * @example await loadFigureWeights("refit:data/derived/refit/weights")
 */
export async function loadFigureWeights(setting: string | undefined): Promise<FigureWeights> {
  const parsed = parseWeightSource(setting);
  const weights = await loadWeights({ source: parsed.source, ...(parsed.dir !== undefined ? { dir: parsed.dir } : {}) });
  const synthetic = parsed.source === "refit" && (await refitIsSynthetic(parsed.dir ?? refitWeightsDir()));
  return { weights, sourceLabel: synthetic ? `${parsed.label}${SYNTHETIC_REFIT_NOTE}` : parsed.label, synthetic };
}
