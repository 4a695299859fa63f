/**
 * How close a refit comes to another weight set (the released weights, or the weights that
 * generated synthetic labels): per judge and group, the Pearson correlation of the two 29-vectors
 * and the largest absolute difference.
 */
import { median } from "@prefdissect/shared";
import type { WeightSet } from "@prefdissect/data";
import { pearson } from "@prefdissect/similarity";

export interface WeightComparison {
  readonly group: string;
  readonly judge: string;
  readonly pearson: number;
  readonly maxAbsDiff: number;
}

export function compareWeightSets(refit: WeightSet, reference: WeightSet): WeightComparison[] {
  const rows: WeightComparison[] = [];
  for (const [group, judges] of refit) {
    for (const [judge, weights] of judges) {
      const other = reference.get(group)?.get(judge);
      if (other === undefined) continue;
      let maxAbsDiff = 0;
      weights.forEach((w, k) => (maxAbsDiff = Math.max(maxAbsDiff, Math.abs(w - other[k]!))));
      rows.push({ group, judge, pearson: pearson(weights, other), maxAbsDiff });
    }
  }
  return rows;
}

export interface ComparisonSummary {
  readonly fits: number;
  readonly medianPearson: number;
  readonly minPearson: number;
  readonly medianMaxAbsDiff: number;
  readonly maxAbsDiff: number;
}

export function summariseComparison(rows: readonly WeightComparison[]): ComparisonSummary {
  const pearsons = rows.map((r) => r.pearson);
  const diffs = rows.map((r) => r.maxAbsDiff);
  return {
    fits: rows.length,
    medianPearson: median(pearsons),
    minPearson: Math.min(...pearsons),
    medianMaxAbsDiff: median(diffs),
    maxAbsDiff: Math.max(...diffs),
  };
}
