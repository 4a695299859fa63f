/**
 * The last step of the loop: what the benchmarks' judges made of the answers with and without the
 * system message. FastChat grades each answer 1–10 (`score`, −1 when its judge's verdict could
 * not be read, which FastChat's own summary drops too); AlpacaEval compares the model's output
 * (output_2) with a reference output (output_1) and reports the share of wins, a tie counting half.
 */
import type { AlpacaEvalAnnotation, FastChatJudgment } from "./formats.js";

export interface ModelScore {
  readonly model: string;
  /** Mean grade over the graded questions. */
  readonly mean: number;
  readonly questions: number;
}

/** Mean grade per model on one turn (default 1, the turn the paper scores), best first. */
export function fastChatScores(judgments: readonly FastChatJudgment[], turn = 1): ModelScore[] {
  const sums = new Map<string, { total: number; count: number }>();
  for (const judgment of judgments) {
    if (judgment.turn !== turn || judgment.score === -1) continue;
    const sum = sums.get(judgment.model) ?? { total: 0, count: 0 };
    sum.total += judgment.score;
    sum.count += 1;
    sums.set(judgment.model, sum);
  }
  return [...sums]
    .map(([model, { total, count }]) => ({ model, mean: total / count, questions: count }))
    .sort((a, b) => b.mean - a.mean || a.model.localeCompare(b.model));
}

export interface WinRate {
  /** generator_1: the reference outputs. */
  readonly reference: string;
  /** generator_2: the outputs being rated. */
  readonly model: string;
  /** Percent of comparisons won, ties counted half. */
  readonly winRate: number;
  readonly wins: number;
  readonly losses: number;
  readonly ties: number;
  /** Comparisons with a verdict. */
  readonly comparisons: number;
}

/** Win rate of output_2 over output_1 per pair of generators, as AlpacaEval computes it. */
export function alpacaEvalWinRates(annotations: readonly AlpacaEvalAnnotation[]): WinRate[] {
  const byPair = new Map<string, { reference: string; model: string; total: number; wins: number; losses: number; ties: number; comparisons: number }>();
  for (const annotation of annotations) {
    if (annotation.preference === null) continue;
    const key = JSON.stringify([annotation.generator_1, annotation.generator_2]);
    const entry = byPair.get(key) ?? {
      reference: annotation.generator_1,
      model: annotation.generator_2,
      total: 0,
      wins: 0,
      losses: 0,
      ties: 0,
      comparisons: 0,
    };
    // preference 1 → output_1 wins (0), 2 → output_2 wins (1); weighted verdicts lie between.
    const score = annotation.preference - 1;
    entry.total += score;
    entry.comparisons += 1;
    if (score > 0.5) entry.wins += 1;
    else if (score < 0.5) entry.losses += 1;
    else entry.ties += 1;
    byPair.set(key, entry);
  }
  return [...byPair.values()].map(({ total, ...entry }) => ({ ...entry, winRate: (100 * total) / entry.comparisons }));
}
