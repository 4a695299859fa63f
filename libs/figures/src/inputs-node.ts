/**
 * Node-side inputs of the figures that are not drawn from weights: an annotated dataset (for the
 * dataset statistics) and a refit's intervals.json (for the uncertainty figures), plus drawing and
 * skipping helpers the notebooks call.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { PrefDissectError, isPrefDissectError } from "@prefdissect/shared";
import { HF_DATA, loadFeatureDataset, loadPairDataset, refitDir } from "@prefdissect/data/node";
import { toFeatureDataset, type FeatureDataset, type PairDataset } from "@prefdissect/data";
import type { FigureDefinition } from "./figure.js";
import type { InputFigureDefinition } from "./input-figure.js";
import { describeDataset } from "./data/dataset-source.js";
import type { RefitIntervals } from "@prefdissect/refit";
import { readRefitIntervals } from "@prefdissect/refit/node";
import type { PaperFigurePlan } from "./coverage/paper-figure-plan.js";
import { drawFigure } from "./draw.js";
import { writeFigureFiles, type WrittenFigure } from "./write.js";

/** Dataset a notebook reads when `PD_DATA` is not set: the synthetic stand-in `make refit` writes. */
export const DEFAULT_FIGURE_DATA = join("data", "derived", "synthetic", "synthetic.parquet");

/** A dataset ready for the statistics figures. */
export interface DatasetFigureInputs {
  /** Per-response annotations; absent for the resolved JSONL, which holds only comparisons. */
  readonly pairs?: PairDataset;
  readonly features: FeatureDataset;
  readonly sourceLabel: string;
  readonly synthetic: boolean;
}

/**
 * Loads the dataset named by `setting` (the `PD_DATA` value: a file, or `hf` for the gated
 * Hugging Face dataset; default `DEFAULT_FIGURE_DATA`).
 */
export async function loadDatasetFigureInputs(setting: string | undefined): Promise<DatasetFigureInputs> {
  const data = (setting ?? "").trim() || DEFAULT_FIGURE_DATA;
  const hf = data === HF_DATA;
  let pairs: PairDataset | undefined;
  let features: FeatureDataset;
  try {
    pairs = await loadPairDataset({ data });
    features = toFeatureDataset(pairs);
  } catch (error) {
    if (!(isPrefDissectError(error) && error.code === "wrong-format")) {
      if (isPrefDissectError(error) && error.code === "missing-file" && data === DEFAULT_FIGURE_DATA) {
        throw new PrefDissectError(
          "missing-data",
          `no dataset at ${data} (the default of PD_DATA); create it with \`make refit DATA=synthetic\` or set PD_DATA to a dataset file or "hf"`,
          { file: data, field: "PD_DATA" },
          { cause: error },
        );
      }
      throw error;
    }
    // The resolved JSONL carries comparisons, not ratings: features only, no mean ratings.
    features = await loadFeatureDataset({ data });
  }
  return { ...(pairs !== undefined ? { pairs } : {}), features, sourceLabel: describeDataset(features.source, hf), synthetic: features.source.synthetic };
}

/** Reads `<dir>/intervals.json` (default: the refit folder, `PD_REFIT_DIR`). */
export function loadRefitIntervals(dir: string | undefined): Promise<RefitIntervals> {
  return readRefitIntervals((dir ?? "").trim() || refitDir());
}

/** Builds the spec of an input-fed figure and writes its SVG, PNG and JSON into `outDir`. */
export async function drawInputFigure<Input, Row extends object>(
  figure: InputFigureDefinition<Input, Row>,
  rows: readonly Row[],
  options: { outDir: string; sourceLabel: string; synthetic?: boolean },
): Promise<WrittenFigure> {
  const spec = figure.spec(rows, { sourceLabel: options.sourceLabel, synthetic: options.synthetic ?? false });
  return writeFigureFiles(figure.name, spec, rows, figure.columns, options.outDir);
}

/**
 * Removes a figure's files from `outDir`. A skipped figure must not leave an older run's image
 * behind, where the report would pick it up as if it belonged to this run.
 */
export async function removeFigureFiles(name: string, outDir: string): Promise<void> {
  await Promise.all(["svg", "png", "json"].map((extension) => rm(join(outDir, `${name}.${extension}`), { force: true })));
}

/** Draws a planned paper figure, or removes its stale files and returns undefined when skipped. */
export async function drawPlannedFigure<Row extends object>(
  figure: FigureDefinition<Row>,
  plan: PaperFigurePlan<Row>,
  options: { outDir: string },
): Promise<WrittenFigure | undefined> {
  if (plan.kind === "skip") {
    await removeFigureFiles(figure.name, options.outDir);
    return undefined;
  }
  return drawFigure(figure, plan.rows, { outDir: options.outDir, sourceLabel: plan.sourceLabel });
}
