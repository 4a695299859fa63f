/**
 * The weights a figure is drawn from, with the source line every figure prints: the authors'
 * released weights (fetched when missing, honouring `PD_MIRROR`) or a refit, marked when the
 * refit was fitted to synthetic data (its summary.json says so).
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { addedJudgeIds, withAddedJudges, type WeightSet } from "@prefdissect/data";
import { loadWeights, readAddedJudges, refitWeightsDir } from "@prefdissect/data/node";
import { readRefitSummary } from "@prefdissect/refit/node";
import { parseWeightSource } from "../weights-source.js";

/** Weights plus the subtitle line naming where they came from. */
export interface FigureWeights {
  readonly weights: WeightSet;
  readonly sourceLabel: string;
  /** True for a refit of synthetic data. */
  readonly synthetic: boolean;
  /** Judges added with `pd judge add` (from `PD_EXTRA_JUDGES`), beside the 33, in the order read. */
  readonly added: readonly string[];
}

/** The environment variable naming `pd judge add` output folders whose judges every figure takes beside the 33. */
export const EXTRA_JUDGES_ENV = "PD_EXTRA_JUDGES";

/**
 * The folders of an extra-judges setting (`PD_EXTRA_JUDGES`, `--extra-judges`): comma-separated,
 * each a `pd judge add --out` folder or a folder of weight files in the released layout.
 * @example parseExtraJudges("runs/llama-base,runs/llama-chat") // ["runs/llama-base", "runs/llama-chat"]
 */
export function parseExtraJudges(setting: string | undefined): string[] {
  return (setting ?? "")
    .split(",")
    .map((dir) => dir.trim())
    .filter((dir) => dir !== "");
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
 * Loads the weights named by `setting` (the `PD_WEIGHTS` value, see `parseWeightSource`), with
 * the judges of `extraJudges` (folders written by `pd judge add`) beside them; the source line
 * then names the added judges.
 * @example await loadFigureWeights("refit:data/derived/refit/weights")
 * @example await loadFigureWeights("released", ["runs/my-judge"])
 */
export async function loadFigureWeights(setting: string | undefined, extraJudges: readonly string[] = []): Promise<FigureWeights> {
  const parsed = parseWeightSource(setting);
  const base = await loadWeights({ source: parsed.source, ...(parsed.dir !== undefined ? { dir: parsed.dir } : {}) });
  const synthetic = parsed.source === "refit" && (await refitIsSynthetic(parsed.dir ?? refitWeightsDir()));
  const label = synthetic ? `${parsed.label}${SYNTHETIC_REFIT_NOTE}` : parsed.label;
  if (extraJudges.length === 0) return { weights: base, sourceLabel: label, synthetic, added: [] };
  const extra = await readAddedJudges(extraJudges);
  const added = addedJudgeIds(extra);
  return { weights: withAddedJudges(base, extra), sourceLabel: `${label}; added with pd judge add: ${added.join(", ")}`, synthetic, added };
}
