/**
 * A refit's `intervals.json` (format `prefdissect-refit-intervals/1`, written by `pd refit`):
 * 90 % credible intervals on every P(p) and on judge similarities, computed from posterior draws.
 * Validated here because figures read it long after the refit wrote it, possibly from another
 * version of the project.
 */
import { z } from "zod";
import { PrefDissectError, checkSchema, issuePath } from "@prefdissect/shared";

export const REFIT_INTERVALS_FORMAT = "prefdissect-refit-intervals/1";

const finite = z.number().finite();

export const RefitIntervalsSchema = z.object({
  format: z.literal(REFIT_INTERVALS_FORMAT),
  synthetic: z.boolean(),
  /** Probability mass of every interval (0.9 = 90 %). */
  mass: z.number().gt(0).lt(1),
  /** P(p) in percent with its interval, per judge × group × property. */
  preference: z.array(
    z.object({ judge: z.string().min(1), group: z.string().min(1), propertyIndex: z.number().int().min(0).max(28), mean: finite, low: finite, high: finite }),
  ),
  /** Scenario-averaged similarity of two judges with its interval. */
  similarity: z.array(z.object({ a: z.string().min(1), b: z.string().min(1), mean: finite, low: finite, high: finite })),
});

export type RefitIntervals = z.infer<typeof RefitIntervalsSchema>;

/** Parses and validates the text of an intervals file; errors name the file and the bad field. */
export function parseRefitIntervals(text: string, file: string): RefitIntervals {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PrefDissectError("bad-intervals", `${file} is not valid JSON (${(error as Error).message}); expected the intervals.json that pd refit writes`, { file });
  }
  const parsed = checkSchema(RefitIntervalsSchema, json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issuePath(issue) || "(top level)";
    throw new PrefDissectError(
      "bad-intervals",
      `${file}: field "${field}" ${issue.message}; expected format ${REFIT_INTERVALS_FORMAT} as written by pd refit`,
      { file, field },
    );
  }
  return parsed.data;
}
