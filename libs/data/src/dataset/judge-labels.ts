/**
 * A new judge's labels file checked against the dataset it labels, and the id the judge is given.
 * Shared by everything that adds a judge (the CLI and the browser demo), so both accept and
 * reject the same files with the same sentences.
 */
import { PrefDissectError } from "@prefdissect/shared";
import { isJudgeId } from "../catalog/judges.js";
import { isAddedJudgeId } from "../catalog/names.js";
import { parseLabelsFile } from "../released.js";
import type { PreferenceLabel } from "./types.js";

/** What a labels file is checked against: the dataset's file name and its number of pairs. */
export interface LabelledDataset {
  readonly file: string;
  readonly pairs: number;
}

/**
 * Parses a labels file (a JSON array of "A"/"B", one per pair in dataset order) and checks it
 * covers `dataset` exactly. Errors name the labels file, the first bad index and what was expected.
 */
export function parseLabelsForDataset(text: string, file: string, dataset: LabelledDataset): PreferenceLabel[] {
  const labels = parseLabelsFile(text, file);
  if (labels.length !== dataset.pairs) {
    const where =
      labels.length < dataset.pairs
        ? `the first pair without a label is index ${labels.length}`
        : `the first label without a pair is index ${dataset.pairs}`;
    throw new PrefDissectError(
      "length-mismatch",
      `${file} holds ${labels.length} labels but ${dataset.file} has ${dataset.pairs} pairs (${where}); expected one "A" or "B" per pair, in dataset order`,
      { file, row: Math.min(labels.length, dataset.pairs) },
    );
  }
  return labels;
}

/**
 * Checks the id chosen for a new judge: a short name safe in file names and URLs that is neither
 * one of the paper's 33 judges nor one of `taken`. `field` names the input in the error.
 */
export function checkNewJudgeId(id: string, taken: readonly string[] = [], field = "name"): string {
  if (!isAddedJudgeId(id) && !isJudgeId(id)) {
    throw new PrefDissectError(
      "bad-judge-id",
      `${field} ${JSON.stringify(id)} is not a usable judge id; expected 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit`,
      { field },
    );
  }
  if (isJudgeId(id) || taken.includes(id)) {
    throw new PrefDissectError("duplicate-judge", `${field} "${id}" is already a judge; choose another name`, { field });
  }
  return id;
}
