/**
 * Preference pairs labelled by a judge's fitted regression (paper §4.3, the DPO setting): for
 * each annotated pair, P(A wins) = σ(Σ_p w_p·x_p) from the pair's comparison features x and the
 * judge's weights w for the pair's scenario. Confident pairs become `{prompt, chosen, rejected}`,
 * the preference-data shape TRL's DPO trainer reads; `inverse` swaps chosen and rejected, the
 * paper's reversed setting.
 */
import { SCENARIO_IDS, comparisonFeatures, type PairRecord, type WeightSet } from "@prefdissect/data";
import { explainPair } from "@prefdissect/similarity";

/** One line of the written file (TRL's standard preference format). */
export interface DpoPair {
  readonly prompt: string;
  readonly chosen: string;
  readonly rejected: string;
}

export interface DpoOptions {
  /** Keep a pair when |P(A wins) − P(B wins)| is at least this (0…1; default 0.2). */
  readonly minMargin?: number;
  /** Swap chosen and rejected. */
  readonly inverse?: boolean;
}

export interface DpoGroupCount {
  readonly group: string;
  /** Pairs of the group with an applicable error check. */
  readonly candidates: number;
  readonly kept: number;
}

export interface DpoLabelling {
  readonly pairs: DpoPair[];
  /** Per scenario, the paper's in catalog order, then any others by name. */
  readonly groups: DpoGroupCount[];
  /** Pairs left out because an error check was not applicable (as the fits leave them out). */
  readonly excluded: number;
  /** Pairs whose scenario has no weights for the judge, by scenario. */
  readonly withoutWeights: ReadonlyMap<string, number>;
}

export const DEFAULT_MIN_MARGIN = 0.2;

/** Labels `pairs` with the weights of `judge`; see the module comment. */
export function labelDpoPairs(pairs: readonly PairRecord[], weights: WeightSet, judge: string, options: DpoOptions = {}): DpoLabelling {
  const minMargin = options.minMargin ?? DEFAULT_MIN_MARGIN;
  const out: DpoPair[] = [];
  const counts = new Map<string, { candidates: number; kept: number }>();
  const withoutWeights = new Map<string, number>();
  let excluded = 0;
  for (const pair of pairs) {
    const vector = weights.get(pair.scenario)?.get(judge);
    if (vector === undefined) {
      withoutWeights.set(pair.scenario, (withoutWeights.get(pair.scenario) ?? 0) + 1);
      continue;
    }
    const { features, excluded: notApplicable } = comparisonFeatures(pair);
    if (notApplicable) {
      excluded += 1;
      continue;
    }
    const count = counts.get(pair.scenario) ?? { candidates: 0, kept: 0 };
    counts.set(pair.scenario, count);
    count.candidates += 1;
    const probabilityA = explainPair(vector, features).probabilityA;
    const margin = Math.abs(2 * probabilityA - 1);
    if (margin === 0 || margin < minMargin) continue;
    const aWins = probabilityA > 0.5 !== Boolean(options.inverse);
    const [chosen, rejected] = aWins ? [pair.responseA, pair.responseB] : [pair.responseB, pair.responseA];
    out.push({ prompt: pair.query, chosen: chosen.content, rejected: rejected.content });
    count.kept += 1;
  }
  const rank = (group: string) => (SCENARIO_IDS.includes(group) ? SCENARIO_IDS.indexOf(group) : SCENARIO_IDS.length);
  const groups = [...counts].map(([group, count]) => ({ group, ...count })).sort((a, b) => rank(a.group) - rank(b.group) || a.group.localeCompare(b.group));
  return { pairs: out, groups, excluded, withoutWeights };
}
