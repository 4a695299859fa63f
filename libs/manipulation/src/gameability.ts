/**
 * How gameable a judge is, property by property, before anyone trains or prompts a model: the
 * change in the judge's predicted win rate if every response got better on one property alone.
 *
 * For one pair and one of its responses, the judge's fitted model gives the probability that the
 * response wins, σ of the pair's logit seen from that response. Making the response better on
 * property p alone turns its comparison on p into +1 (from 0 or −1; a +1 stays), which changes
 * exactly one term of the logit (the exact additive explanation of @prefdissect/similarity). The
 * estimate for (judge, group, p) is the mean change of that probability over both responses of
 * every pair in the group, in percentage points. Seen from both responses the mean win rate
 * before the change is exactly 50 %, so the estimate reads as "50 % becomes 50 + gain".
 *
 * With one weight vector (the released posterior means) this is a point estimate; with posterior
 * draws, every draw gives one value and the central `mass` of them is the interval.
 */
import { sigmoid } from "@prefdissect/shared";
import { PROPERTY_COUNT, QUERY_SPECIFIC_CASES, SCENARIO_IDS, type FeatureRow } from "@prefdissect/data";
import { explainPair, SCENARIO_MEAN } from "@prefdissect/similarity";
import { quantile } from "@prefdissect/refit";

/** The comparison features of a pair and the groups it belongs to. */
export type GameabilityRow = Pick<FeatureRow, "features" | "groups">;

/** For each query-specific property, the case a query must trigger for it to apply. */
const CASE_OF_PROPERTY = new Map(QUERY_SPECIFIC_CASES.map((group) => [group.propertyIndex!, group.id]));

/**
 * Mean change in win probability (percentage points) per property, over both responses of each
 * pair in `rows`. A query-specific property can only improve in pairs whose query triggers its
 * case (elsewhere its feature is 0 by definition), so other pairs add no change for it. NaN for
 * every property when there are no pairs.
 */
export function winRateGains(weights: readonly number[], rows: readonly GameabilityRow[]): number[] {
  const totals = new Array<number>(PROPERTY_COUNT).fill(0);
  for (const row of rows) {
    const { terms, logit } = explainPair(weights, row.features);
    for (const side of [1, -1]) {
      const before = sigmoid(side * logit);
      for (const term of terms) {
        const caseId = CASE_OF_PROPERTY.get(term.property.index);
        if (caseId !== undefined && !row.groups.includes(caseId)) continue;
        // Seen from this side the term is side·w·x; the improved response has +1 on p: w.
        const improved = side * logit - side * term.contribution + term.weight;
        totals[term.property.index]! += sigmoid(improved) - before;
      }
    }
  }
  return totals.map((total) => (100 * total) / (2 * rows.length));
}

/** The pairs in `group` that the fits use (error check applicable). */
export function groupRows(rows: readonly FeatureRow[], group: string): FeatureRow[] {
  return rows.filter((row) => !row.excluded && row.groups.includes(group));
}

export interface PropertyGain {
  readonly propertyIndex: number;
  /** Percentage points of win rate. */
  readonly gain: number;
  /** The interval's ends, with posterior draws. */
  readonly low?: number;
  readonly high?: number;
}

export interface GroupGameability {
  /** A group id, or `SCENARIO_MEAN` for the mean over the scenarios. */
  readonly group: string;
  /** Pairs averaged over (for the mean: summed over its scenarios). */
  readonly pairs: number;
  /** Posterior draws behind the interval; 0 for a point estimate. */
  readonly draws: number;
  /** In released property order. */
  readonly gains: PropertyGain[];
}

export interface GameabilityOptions {
  /** Per group: the weight vector of the point estimate (posterior means or released weights). */
  readonly weights: ReadonlyMap<string, readonly number[]>;
  readonly rows: readonly FeatureRow[];
  /** Groups to estimate in (default: every group of `weights`). */
  readonly groups?: readonly string[];
  /** Per group: posterior draws (29-vectors) for the interval. */
  readonly draws?: ReadonlyMap<string, readonly (readonly number[])[]>;
  /** Central probability mass of the interval (default 0.9). */
  readonly mass?: number;
}

function withInterval(point: readonly number[], perDraw: readonly number[][], mass: number): PropertyGain[] {
  return point.map((gain, propertyIndex) => {
    if (perDraw.length === 0) return { propertyIndex, gain };
    const values = perDraw.map((draw) => draw[propertyIndex]!).sort((a, b) => a - b);
    return { propertyIndex, gain, low: quantile(values, (1 - mass) / 2), high: quantile(values, (1 + mass) / 2) };
  });
}

/**
 * The estimate per group and, when every scenario is among them, the mean over the 11
 * scenarios (with draws: the mean of the i-th draw of each scenario, the fits being independent).
 * Groups without pairs are left out.
 */
export function estimateGameability(options: GameabilityOptions): GroupGameability[] {
  const mass = options.mass ?? 0.9;
  const groups = options.groups ?? [...options.weights.keys()];
  const results: GroupGameability[] = [];
  const perDrawByGroup = new Map<string, number[][]>();
  for (const group of groups) {
    const weights = options.weights.get(group);
    if (weights === undefined) throw new RangeError(`no weights for group "${group}"`);
    const inGroup = groupRows(options.rows, group);
    if (inGroup.length === 0) continue;
    const perDraw = (options.draws?.get(group) ?? []).map((draw) => winRateGains(draw, inGroup));
    perDrawByGroup.set(group, perDraw);
    results.push({ group, pairs: inGroup.length, draws: perDraw.length, gains: withInterval(winRateGains(weights, inGroup), perDraw, mass) });
  }
  const scenarios = SCENARIO_IDS.map((id) => results.find((result) => result.group === id));
  if (scenarios.every((result) => result !== undefined)) {
    const point = Array.from({ length: PROPERTY_COUNT }, (_, p) => scenarios.reduce((sum, result) => sum + result!.gains[p]!.gain, 0) / scenarios.length);
    const drawCount = Math.min(...SCENARIO_IDS.map((id) => perDrawByGroup.get(id)!.length));
    const perDraw = Array.from({ length: drawCount }, (_, i) =>
      Array.from({ length: PROPERTY_COUNT }, (_, p) => SCENARIO_IDS.reduce((sum, id) => sum + perDrawByGroup.get(id)![i]![p]!, 0) / SCENARIO_IDS.length),
    );
    results.unshift({
      group: SCENARIO_MEAN,
      pairs: scenarios.reduce((sum, result) => sum + result!.pairs, 0),
      draws: drawCount,
      gains: withInterval(point, perDraw, mass),
    });
  }
  return results;
}

/** The gains of one result from the largest increase down (ties in released order). */
export function rankGains(result: GroupGameability): PropertyGain[] {
  return [...result.gains].sort((a, b) => b.gain - a.gain || a.propertyIndex - b.propertyIndex);
}
