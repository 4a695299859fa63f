/**
 * The strength of preference (the paper's Figure 6, right) for collected judges: how sure each
 * judge is of its verdicts, how often two judges give the same label, and how alike their fitted
 * preferences are. The paper's finding is that alignment leaves what a model prefers about the
 * same (high similarity) while making it far more certain (the A/B probability gap grows).
 */
import { withAddedJudges, type PreferenceLabel, type WeightSet } from "@prefdissect/data";
import { judgeSimilarity } from "@prefdissect/similarity";
import { PrefDissectError } from "@prefdissect/shared";
import type { PairVerdict } from "./reading/orders.js";

/** One collected judge: its verdicts and, after `pd judge add`, its fitted weights. */
export interface StrengthRun {
  /** The name shown in figures. */
  readonly model: string;
  readonly verdicts: readonly PairVerdict[];
  /** The judge's id and weights from `pd judge add`, when it was added. */
  readonly added?: { readonly judge: string; readonly weights: WeightSet };
}

/** One bin of a judge's certainty distribution. */
export interface CertaintyRow {
  model: string;
  /** The bin covers [binStart, binEnd) (the last bin includes 1). */
  binStart: number;
  binEnd: number;
  pairs: number;
  /** Share of the judge's pairs in the bin. */
  share: number;
}

/** The distribution of |P(A) − P(B)| (both orders combined) per judge, in `bins` equal bins over [0, 1]. */
export function certaintyRows(runs: readonly StrengthRun[], bins = 20): CertaintyRow[] {
  return runs.flatMap((run) => {
    const counts = new Array<number>(bins).fill(0);
    for (const verdict of run.verdicts) counts[Math.min(bins - 1, Math.floor(verdict.certainty * bins))]! += 1;
    return counts.map((pairs, bin) => ({ model: run.model, binStart: bin / bins, binEnd: (bin + 1) / bins, pairs, share: run.verdicts.length === 0 ? 0 : pairs / run.verdicts.length }));
  });
}

/** Two judges compared: label agreement over the pairs both judged, and the similarity of their fits. */
export interface AgreementRow {
  modelA: string;
  modelB: string;
  /** Pairs both judges have a verdict for. */
  pairs: number;
  /** Share of those pairs with the same label. */
  agreement: number;
  /** Mean over the 11 scenarios of the Pearson correlation of their weights; null unless both were added. */
  similarity: number | null;
}

/** Every two judges of `runs`, in the given order. */
export function agreementRows(runs: readonly StrengthRun[]): AgreementRow[] {
  const rows: AgreementRow[] = [];
  runs.forEach((a, i) => {
    const labelsA = new Map<number, PreferenceLabel>(a.verdicts.map((verdict) => [verdict.index, verdict.label]));
    for (const b of runs.slice(i + 1)) {
      const shared = b.verdicts.filter((verdict) => labelsA.has(verdict.index));
      const same = shared.filter((verdict) => labelsA.get(verdict.index) === verdict.label).length;
      let similarity: number | null = null;
      if (a.added !== undefined && b.added !== undefined) {
        if (a.added.judge === b.added.judge) {
          throw new PrefDissectError("duplicate-judge", `${a.model} and ${b.model} were both added as judge "${a.added.judge}"; add them under different names`, { field: "judge" });
        }
        similarity = judgeSimilarity(withAddedJudges(a.added.weights, b.added.weights), a.added.judge, b.added.judge);
      }
      rows.push({ modelA: a.model, modelB: b.model, pairs: shared.length, agreement: shared.length === 0 ? 0 : same / shared.length, similarity });
    }
  });
  return rows;
}
