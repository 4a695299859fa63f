/**
 * Judges fitted elsewhere, opened from the files `pd judge add --out <dir>` wrote: the weights in
 * the released layout (`weights/model_<group>_fitted_paras.jsonl`) and, when it is among the
 * files, `placement.json`, which says how and on which dataset the judge was fitted. Both are read
 * with the parsers the pd command uses (`parseWeightsFiles` for added judges, `PLACEMENT_FILE`),
 * so a bad file is refused with the same sentence naming the file, line and field.
 */
import { SCENARIO_IDS, addedJudgeIds, parseWeightsFiles, weightsFileGroup, weightsFileName, type TextFile } from "@prefdissect/data";
import { PLACEMENT_FILE } from "@prefdissect/judges";
import { PrefDissectError } from "@prefdissect/shared";
import type { AddedJudge } from "./judges-store.js";

const PLACEMENT_FILE_NAME = /(?:^|[\\/])placement\.json$/;

/** Whether a file of a `pd judge add` folder is one the demo reads (a weights file or placement.json; not the charts). */
export function isJudgeAddFile(path: string): boolean {
  return weightsFileGroup(path) !== undefined || PLACEMENT_FILE_NAME.test(path);
}

/**
 * The judges in `files` (paths relative to the folder chosen, or bare names), ready for the judge
 * store. `where` names what was chosen in messages; `taken` are the ids already in the page.
 * Every judge needs weights in all 11 scenarios: its similarities to the others are means over them.
 */
export function openedJudges(files: readonly TextFile[], where: string, taken: readonly string[], addedAt = new Date().toISOString()): AddedJudge[] {
  if (!files.some((entry) => weightsFileGroup(entry.file) !== undefined)) {
    throw new PrefDissectError(
      "missing-weights",
      `${where}: none of the files is a model_<group>_fitted_paras.jsonl; choose the --out folder of pd judge add, or the files in its weights/ folder`,
      { file: where },
    );
  }
  const weights = parseWeightsFiles(files, where, "added");
  const judges = addedJudgeIds(weights);
  const placements = files
    .filter((entry) => PLACEMENT_FILE_NAME.test(entry.file))
    .map((entry) => ({ file: entry.file, placement: PLACEMENT_FILE.parse(entry.text, entry.file) }));
  for (const { file, placement } of placements) {
    if (!judges.includes(placement.judge)) {
      throw new PrefDissectError(
        "unknown-judge",
        `${file}: field "judge" is "${placement.judge}", but the weight files hold ${judges.map((id) => `"${id}"`).join(", ")}; expected the placement.json of the same pd judge add run`,
        { file, field: "judge" },
      );
    }
  }
  return judges.map((id): AddedJudge => {
    if (taken.includes(id)) {
      throw new PrefDissectError("duplicate-judge", `${where}: judge "${id}" is already in this page; remove it below before opening it again`, {
        file: where,
        field: "model_name",
      });
    }
    const missing = SCENARIO_IDS.find((group) => !weights.get(group)?.has(id));
    if (missing !== undefined) {
      throw new PrefDissectError(
        "missing-weights",
        `${where}: judge "${id}" has no weights for the scenario ${missing} (expected in ${weightsFileName(missing)}); the demo needs all 11 scenarios to place a judge`,
        { file: weightsFileName(missing) },
      );
    }
    const placement = placements.find((entry) => entry.placement.judge === id)?.placement;
    return {
      id,
      openedFrom: where,
      method: placement?.fit.method ?? null,
      folds: placement?.fit.folds ?? null,
      dataset: placement ? { file: placement.data.file, pairs: placement.data.rows, synthetic: placement.synthetic } : null,
      addedAt,
      weights: Object.fromEntries([...weights].flatMap(([group, vectors]) => (vectors.has(id) ? [[group, [...vectors.get(id)!]]] : []))),
      intervals: [],
    };
  });
}
