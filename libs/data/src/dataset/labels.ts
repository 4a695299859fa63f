/** Attaching one judge's labels (a labels file, format c) to a loaded dataset. */
import { PrefDissectError } from "@prefdissect/shared";
import type { PairDataset } from "./dataset.js";
import type { PreferenceLabel } from "./types.js";

/**
 * A copy of `data` where every pair carries `judge`'s label from `labels` (dataset order). The
 * list must have one label per pair; `file` names the labels file in the error.
 */
export function withJudgeLabels(data: PairDataset, judge: string, labels: readonly PreferenceLabel[], file: string): PairDataset {
  if (labels.length !== data.pairs.length) {
    throw new PrefDissectError(
      "length-mismatch",
      `${file} holds ${labels.length} labels but ${data.source.file} has ${data.pairs.length} pairs`,
      { file },
    );
  }
  return {
    pairs: data.pairs.map((pair, i) => ({ ...pair, labels: { ...pair.labels, [judge]: labels[i]! } })),
    source: data.source,
  };
}
