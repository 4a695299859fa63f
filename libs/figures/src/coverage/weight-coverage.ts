/**
 * Which judges and groups a weight set holds. The released weights hold all 33 × 16; a refit may
 * hold only the judges and groups it was asked to fit (CI fits three judges).
 */
import { GROUP_IDS, JUDGE_IDS, SCENARIO_IDS, type WeightSet } from "@prefdissect/data";

export interface WeightCoverage {
  /** Groups with at least one vector, catalog order. */
  readonly groups: readonly string[];
  /** Judges with a vector in at least one group, catalog order. */
  readonly judges: readonly string[];
  /** Judges with a vector in every one of the 11 scenarios (needed by scenario means). */
  readonly scenarioJudges: readonly string[];
  /** True when all 33 judges have all 16 groups. */
  readonly complete: boolean;
}

/** Judges (catalog order) that have a vector in every group of `groups`. */
export function judgesCovering(weights: WeightSet, groups: readonly string[], among: readonly string[] = JUDGE_IDS): string[] {
  return among.filter((judge) => groups.every((group) => weights.get(group)?.has(judge) === true));
}

/** Summarises what a weight set holds. */
export function weightCoverage(weights: WeightSet): WeightCoverage {
  const groups = GROUP_IDS.filter((group) => (weights.get(group)?.size ?? 0) > 0);
  const judges = JUDGE_IDS.filter((judge) => groups.some((group) => weights.get(group)!.has(judge)));
  const scenarioJudges = judgesCovering(weights, SCENARIO_IDS);
  const complete = judgesCovering(weights, GROUP_IDS).length === JUDGE_IDS.length;
  return { groups, judges, scenarioJudges, complete };
}

/**
 * One sentence for the subtitle of a figure drawn from a partial weight set, e.g. "Partial refit:
 * 3 of 33 judges, 16 of 16 groups."
 */
export function coverageSentence(coverage: WeightCoverage): string {
  return `Partial refit, only the fitted judges shown: ${coverageCounts(coverage)}`;
}

/** "3 of 33 judges, 16 of 16 groups". */
export function coverageCounts(coverage: WeightCoverage): string {
  return `${coverage.judges.length} of ${JUDGE_IDS.length} judges, ${coverage.groups.length} of ${GROUP_IDS.length} groups`;
}
