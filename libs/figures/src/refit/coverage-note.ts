/**
 * Refit figures show whatever the refit holds; this says, in one subtitle line, what it left out,
 * so a figure of three judges cannot be mistaken for the full comparison.
 */
import { listInWords, safeJudgeLabel } from "../labels.js";

/**
 * A sentence naming the expected judges the rows lack, or undefined when none is missing. Long
 * lists are cut to a count so the subtitle stays one line.
 */
export function missingJudgesNote(expected: readonly string[], present: ReadonlySet<string>, what: string): string | undefined {
  const missing = expected.filter((judge) => !present.has(judge));
  if (missing.length === 0) return undefined;
  const names = missing.length <= 4 ? listInWords(missing.map(safeJudgeLabel)) : `${missing.length} of the ${expected.length} judges`;
  return `Not in this refit, so not shown: ${names}${what}.`;
}
