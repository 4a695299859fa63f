/**
 * Judges collected with `pd judge collect` (and added with `pd judge add`), for the strength of
 * preference figure (Figure 6, right). The setting (`PD_JUDGE_RUNS`) lists runs separated by
 * commas, each `<collect-out>` or `<collect-out>=<add-out>`:
 *
 *   data/derived/preference-strength/base/collect=data/derived/preference-strength/base/added,…
 *
 * The source line says when the runs were answered by this project's loopback server, so its
 * scripted judges are never taken for real models, and when the pairs were synthetic.
 */
import { join } from "node:path";
import { addedJudgeIds } from "@prefdissect/data";
import { readAddedJudges } from "@prefdissect/data/node";
import type { StrengthRun } from "@prefdissect/figures";
import { pairVerdicts } from "@prefdissect/judges";
import { readCollectSummary, readLogprobsFile } from "@prefdissect/judges/node";
import { PrefDissectError } from "@prefdissect/shared";

/** The environment variable the preference-strength notebook reads its runs from. */
export const JUDGE_RUNS_ENV = "PD_JUDGE_RUNS";

/** Collected judges with the source line their figures print. */
export interface JudgeRuns {
  readonly runs: StrengthRun[];
  readonly sourceLabel: string;
  /** True when any run judged synthetic pairs. */
  readonly synthetic: boolean;
}

/** One run of a `PD_JUDGE_RUNS` setting. */
export interface JudgeRunFolders {
  readonly collected: string;
  readonly added?: string;
}

/**
 * Parses a `PD_JUDGE_RUNS` setting into its runs.
 * @example parseJudgeRuns("runs/base/collect=runs/base/added,runs/chat/collect")
 */
export function parseJudgeRuns(setting: string | undefined): JudgeRunFolders[] {
  const runs = (setting ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "")
    .map((item) => {
      const [collected, added, ...rest] = item.split("=").map((part) => part.trim());
      if (!collected || rest.length > 0 || added === "") {
        throw new PrefDissectError(
          "bad-flag",
          `${JUDGE_RUNS_ENV}: "${item}" is not a run; expected <pd judge collect folder> or <pd judge collect folder>=<pd judge add folder>`,
          { field: JUDGE_RUNS_ENV },
        );
      }
      return added === undefined ? { collected } : { collected, added };
    });
  if (runs.length === 0) {
    throw new PrefDissectError("bad-flag", `${JUDGE_RUNS_ENV} names no run; expected comma-separated <pd judge collect folder>[=<pd judge add folder>]`, {
      field: JUDGE_RUNS_ENV,
    });
  }
  return runs;
}

/** Reads each run's logprobs.jsonl and summary.json, and the added judge's weights when given. */
export async function loadJudgeRuns(setting: string | undefined): Promise<JudgeRuns> {
  const runs: StrengthRun[] = [];
  let loopback = 0;
  let synthetic = false;
  const models: string[] = [];
  for (const folders of parseJudgeRuns(setting)) {
    const summary = await readCollectSummary(join(folders.collected, "summary.json"));
    const verdicts = pairVerdicts(await readLogprobsFile(join(folders.collected, "logprobs.jsonl")));
    if (summary.loopback) loopback += 1;
    synthetic ||= summary.data.synthetic;
    models.push(summary.model);
    let added: StrengthRun["added"];
    if (folders.added !== undefined) {
      const weights = await readAddedJudges([folders.added]);
      const [judge, ...others] = addedJudgeIds(weights);
      if (judge === undefined || others.length > 0) {
        throw new PrefDissectError(
          "malformed-file",
          `${folders.added} must hold the weights of one added judge, found ${[judge, ...others].filter(Boolean).length}`,
          { file: folders.added },
        );
      }
      added = { judge, weights };
    }
    runs.push({ model: summary.model, verdicts, ...(added !== undefined ? { added } : {}) });
  }
  const server =
    loopback === runs.length
      ? "this project's loopback server (pd mock-server: scripted judges, not real models, not the paper's data)"
      : loopback === 0
        ? "an OpenAI-compatible server"
        : `${loopback} of ${runs.length} runs from this project's loopback server (scripted judges, not real models)`;
  return { runs, sourceLabel: `Source: pd judge collect of ${models.join(", ")} against ${server}`, synthetic };
}
