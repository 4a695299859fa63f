/**
 * Which notebooks need more than regression weights. `pd figures` (and so `make figures`) runs the
 * paper notebooks by default; the dataset-statistics notebook needs a dataset and the refit
 * uncertainty notebook needs a refit's intervals, so each runs only when its input is named.
 */
import { basename } from "node:path";

/** What a notebook needs besides the weights. */
export type NotebookInput = "dataset" | "refit" | "judge-runs";

/**
 * Notebooks that need a dataset (`PD_DATA`), a refit (`PD_WEIGHTS=refit…`, `PD_REFIT_DIR`) or
 * collected judges (`PD_JUDGE_RUNS`).
 */
export const NOTEBOOK_INPUTS: Readonly<Record<string, NotebookInput>> = {
  "data-statistics": "dataset",
  "refit-uncertainty": "refit",
  "fig06-preference-strength": "judge-runs",
};

export interface NotebookSelection {
  /** Notebook paths to run, in the given order. */
  readonly run: string[];
  /** Names left out, each with the input it lacks. */
  readonly skipped: { readonly name: string; readonly needs: NotebookInput }[];
}

/**
 * The notebooks to run when none is named: every weights-only notebook, the refit notebook when
 * the weights are a refit, the dataset notebook when a dataset is given, the preference-strength
 * notebook when collected judges are.
 */
export function defaultNotebookSelection(
  available: readonly string[],
  inputs: { weights?: string | undefined; data?: string | undefined; judgeRuns?: string | undefined },
): NotebookSelection {
  const refit = (inputs.weights ?? "").trim().startsWith("refit");
  const dataset = (inputs.data ?? "").trim() !== "";
  const judgeRuns = (inputs.judgeRuns ?? "").trim() !== "";
  const run: string[] = [];
  const skipped: { name: string; needs: NotebookInput }[] = [];
  for (const path of available) {
    const name = basename(path, ".ipynb");
    const needs = NOTEBOOK_INPUTS[name];
    if (needs === undefined || (needs === "refit" && refit) || (needs === "dataset" && dataset) || (needs === "judge-runs" && judgeRuns)) run.push(path);
    else skipped.push({ name, needs });
  }
  return { run, skipped };
}
