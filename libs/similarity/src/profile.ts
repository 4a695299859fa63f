/**
 * Where one judge stands among the others: the numbers a placement report shows for a judge, in
 * particular one added beside the paper's 33. Everything is derived from a weight set, so a judge
 * fitted later (any id, not only the catalog's) is placed the same way as a released one:
 *
 * - per group, the top-k and bottom-k properties (the paper's Table 3, for any judge);
 * - the judge's row of Table 4 (error sensitivity, mean over the 11 scenarios);
 * - the n most and n least similar other judges (similarity as in §4.2);
 * - the mean similarity to the open models of at most 14B and to those above 30B, and which of
 *   the two groups the judge resembles more.
 */
import { GROUP_IDS, JUDGE_IDS, judgeById, sizeGroup, type WeightSet } from "@prefdissect/data";
import { errorSensitivity, rankProperties, weightsOf, type ErrorSensitivity, type RankedProperty } from "./preference.js";
import { judgeSimilarity } from "./similarity.js";

export interface GroupTopBottom {
  readonly group: string;
  /** Most preferred first. */
  readonly top: RankedProperty[];
  /** Least preferred first. */
  readonly bottom: RankedProperty[];
}

export interface SimilarJudge {
  readonly judge: string;
  readonly similarity: number;
}

/** Mean similarity of a judge to the paper's two size groups (the judge itself left out). */
export interface SizeGroupPlacement {
  /** Mean over the open models of at most 14B. */
  readonly small: number;
  /** Mean over the open models above 30B. */
  readonly large: number;
  /** The group with the higher mean. */
  readonly resembles: "small" | "large";
}

export interface JudgeProfile {
  readonly judge: string;
  /** One entry per group the judge has weights for, in `GROUP_IDS` order. */
  readonly groups: GroupTopBottom[];
  readonly errorSensitivity: ErrorSensitivity;
  /** Every other judge from the most similar down. */
  readonly similarities: SimilarJudge[];
  /** The first `neighbours` of `similarities`. */
  readonly mostSimilar: SimilarJudge[];
  /** The last `neighbours` of `similarities`, least similar first. */
  readonly leastSimilar: SimilarJudge[];
  readonly sizeGroups: SizeGroupPlacement;
}

export interface JudgeProfileOptions {
  /** Judges to compare with (default: the paper's 33). The judge itself is always left out. */
  readonly others?: readonly string[];
  /** Properties listed at each end per group (default 3). */
  readonly k?: number;
  /** Judges listed as most and as least similar (default 5). */
  readonly neighbours?: number;
}

/** The mean of `values`; NaN for none. */
function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * The placement of `judge` in `weights`. The judge needs weights in the 11 scenarios (similarity
 * is their mean); groups it lacks are left out of the top/bottom lists. Ties in similarity keep
 * the order of `others`.
 */
export function judgeProfile(weights: WeightSet, judge: string, options: JudgeProfileOptions = {}): JudgeProfile {
  const k = options.k ?? 3;
  const neighbours = options.neighbours ?? 5;
  const others = (options.others ?? JUDGE_IDS).filter((other) => other !== judge);
  const groups = GROUP_IDS.filter((group) => weights.get(group)?.has(judge)).map((group) => ({
    group,
    ...rankProperties(weightsOf(weights, group, judge), k),
  }));
  const similarityTo = new Map(others.map((other) => [other, judgeSimilarity(weights, judge, other)]));
  const similarities = others.map((other) => ({ judge: other, similarity: similarityTo.get(other)! })).sort((a, b) => b.similarity - a.similarity);
  const sizeMean = (size: "small" | "large") =>
    mean(JUDGE_IDS.filter((id) => id !== judge && sizeGroup(judgeById(id)) === size).map((id) => similarityTo.get(id) ?? judgeSimilarity(weights, judge, id)));
  const small = sizeMean("small");
  const large = sizeMean("large");
  return {
    judge,
    groups,
    errorSensitivity: errorSensitivity(weights, judge),
    similarities,
    mostSimilar: similarities.slice(0, neighbours),
    leastSimilar: similarities.slice(-neighbours).reverse(),
    sizeGroups: { small, large, resembles: small >= large ? "small" : "large" },
  };
}
