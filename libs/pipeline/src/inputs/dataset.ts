/**
 * The inputs of the figures that are not drawn from weights: an annotated dataset (the dataset
 * statistics) and a refit's intervals.json (the uncertainty figures).
 */
import { join } from "node:path";
import { PrefDissectError, isPrefDissectError } from "@prefdissect/shared";
import { HF_DATA, loadFeatureDataset, loadPairDataset, refitDir } from "@prefdissect/data/node";
import { toFeatureDataset, type FeatureDataset, type PairDataset } from "@prefdissect/data";
import { describeDataset } from "@prefdissect/figures";
import type { RefitIntervals } from "@prefdissect/refit";
import { readRefitIntervals } from "@prefdissect/refit/node";

/** Dataset a notebook reads when `PD_DATA` is not set: the synthetic stand-in `make refit` writes. */
export const DEFAULT_FIGURE_DATA = join("data", "derived", "synthetic", "synthetic.parquet");

/** A dataset ready for the statistics figures. */
export interface FigureDataset {
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
export async function loadFigureDataset(setting: string | undefined): Promise<FigureDataset> {
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
