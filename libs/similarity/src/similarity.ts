/**
 * Judge similarity (paper §4.2): for each scenario, the Pearson correlation between two judges'
 * weight vectors, averaged over the 11 scenarios (query-specific cases are left out, as in the
 * authors' demo).
 */
import pcorrtest from "@stdlib/stats-pcorrtest";
import { JUDGE_IDS, SCENARIO_IDS, baseAlignedPairs, judgeById, sizeGroup, type WeightSet } from "@prefdissect/data";
import { weightsOf } from "./preference.js";

/** Pearson correlation coefficient of two equally long vectors. */
export function pearson(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError(`vectors differ in length: ${a.length} vs ${b.length}`);
  return pcorrtest(a as number[], b as number[]).pcorr;
}

/** Similarity of two judges within one group. */
export function groupSimilarity(ws: WeightSet, a: string, b: string, group: string): number {
  return pearson(weightsOf(ws, group, a), weightsOf(ws, group, b));
}

/** Similarity of two judges: mean over `groups` (default: the 11 scenarios) of the per-group Pearson. */
export function judgeSimilarity(ws: WeightSet, a: string, b: string, groups: readonly string[] = SCENARIO_IDS): number {
  return groups.reduce((sum, group) => sum + groupSimilarity(ws, a, b, group), 0) / groups.length;
}

export interface SimilarityMatrix {
  readonly judges: readonly string[];
  /** Symmetric, ones on the diagonal; `values[i][j]` compares `judges[i]` and `judges[j]`. */
  readonly values: readonly (readonly number[])[];
}

/** All pairwise similarities, in the order of `judges` (default: size order). */
export function similarityMatrix(ws: WeightSet, judges: readonly string[] = JUDGE_IDS, groups: readonly string[] = SCENARIO_IDS): SimilarityMatrix {
  const values = judges.map(() => judges.map(() => 1));
  for (let i = 0; i < judges.length; i++) {
    for (let j = i + 1; j < judges.length; j++) {
      const s = judgeSimilarity(ws, judges[i]!, judges[j]!, groups);
      values[i]![j] = s;
      values[j]![i] = s;
    }
  }
  return { judges, values };
}

function indexIn(matrix: SimilarityMatrix, id: string): number {
  const index = matrix.judges.indexOf(id);
  if (index < 0) throw new RangeError(`judge "${id}" is not in the similarity matrix`);
  return index;
}

/** Mean similarity over all unordered pairs of distinct judges in `ids`. */
export function meanSimilarityWithin(matrix: SimilarityMatrix, ids: readonly string[]): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      sum += matrix.values[indexIn(matrix, ids[i]!)]![indexIn(matrix, ids[j]!)]!;
      pairs++;
    }
  }
  if (pairs === 0) throw new RangeError("need at least two judges for a within-set mean");
  return sum / pairs;
}

/** Mean similarity over all pairs with one judge from `a` and one from `b`. */
export function meanSimilarityBetween(matrix: SimilarityMatrix, a: readonly string[], b: readonly string[]): number {
  let sum = 0;
  for (const x of a) for (const y of b) sum += matrix.values[indexIn(matrix, x)]![indexIn(matrix, y)]!;
  return sum / (a.length * b.length);
}

export interface SizeGroupSimilarity {
  /** Mean within the open models of at most 14B. */
  readonly small: number;
  /** Mean within the open models above 30B. */
  readonly large: number;
  /** Mean across the two groups. */
  readonly between: number;
  readonly smallJudges: readonly string[];
  readonly largeJudges: readonly string[];
}

/** The paper's size-group comparison (§4.2): 20 open models ≤ 14B vs 10 open models > 30B. */
export function sizeGroupSimilarity(ws: WeightSet, matrix: SimilarityMatrix = similarityMatrix(ws)): SizeGroupSimilarity {
  const smallJudges = matrix.judges.filter((id) => sizeGroup(judgeById(id)) === "small");
  const largeJudges = matrix.judges.filter((id) => sizeGroup(judgeById(id)) === "large");
  return {
    small: meanSimilarityWithin(matrix, smallJudges),
    large: meanSimilarityWithin(matrix, largeJudges),
    between: meanSimilarityBetween(matrix, smallJudges, largeJudges),
    smallJudges,
    largeJudges,
  };
}

export interface BasePairSimilarity {
  readonly base: string;
  readonly aligned: string;
  /** True for the vendor's own aligned release (e.g. LLaMA-2-7B → LLaMA-2-7B-Chat). */
  readonly sameVendor: boolean;
  readonly similarity: number;
}

/**
 * Similarity of every aligned open model to its pretrained-only base (paper Figure 6), over the
 * pairs whose two models are both in `judges` (default: all; a partial refit passes what it fitted).
 */
export function basePairSimilarities(ws: WeightSet, groups: readonly string[] = SCENARIO_IDS, judges: readonly string[] = JUDGE_IDS): BasePairSimilarity[] {
  const included = new Set(judges);
  return baseAlignedPairs()
    .filter(({ base, aligned }) => included.has(base.id) && included.has(aligned.id))
    .map(({ base, aligned, sameVendor }) => ({
      base: base.id,
      aligned: aligned.id,
      sameVendor,
      similarity: judgeSimilarity(ws, base.id, aligned.id, groups),
    }));
}
