/**
 * One verdict per pair from its two orders, as the paper combines them, and how much the
 * position of a response sways the model.
 *
 *   score₁ = P₁₂(A) + P₂₁(B)   the dataset's first response: shown as A in order 12, as B in 21
 *   score₂ = P₁₂(B) + P₂₁(A)
 *
 * The label is the response with the larger score. Equal scores (rare with log-probabilities,
 * common with sampled answers) are broken by a coin seeded with the pair's index, so ties lean to
 * neither side and a rerun breaks them the same way; the authors' scripts gave every tie to B.
 */
import { createRandomStream, median } from "@prefdissect/shared";
import type { PreferenceLabel } from "@prefdissect/data";
import type { PairOrder } from "../prompts/comparison.js";
import type { LetterProbability, ShownLetter } from "./choice-tokens.js";

/** What one order of one pair gave: each shown letter's probability. */
export interface OrderVerdict {
  readonly A: LetterProbability;
  readonly B: LetterProbability;
}

/** The letter an order favours, or "tie" when both letters are equally likely. */
export type OrderPick = ShownLetter | "tie";

/** Two scores closer than this are a tie (sums of probabilities carry rounding error). */
const TIE_TOLERANCE = 1e-12;

export interface PairVerdict {
  /** Index of the pair in the dataset. */
  readonly index: number;
  /** P₁₂(A) + P₂₁(B): support for the dataset's first response, 0 to 2. */
  readonly score1: number;
  /** P₁₂(B) + P₂₁(A): support for the dataset's second response. */
  readonly score2: number;
  /** "A" = the dataset's first response. */
  readonly label: PreferenceLabel;
  readonly tie: boolean;
  /** |score₁ − score₂| / 2: the gap between the two responses' probabilities, both orders combined (0 to 1). */
  readonly certainty: number;
  /** Whether any probability used is an upper bound (a letter missing from a top-k list). */
  readonly bounded: boolean;
  /** The shown letter each order favours. */
  readonly picks: Readonly<Record<PairOrder, OrderPick>>;
}

function pick(order: OrderVerdict): OrderPick {
  if (Math.abs(order.A.p - order.B.p) <= TIE_TOLERANCE) return "tie";
  return order.A.p > order.B.p ? "A" : "B";
}

/** The label a tie gets: a coin seeded with the pair's index. */
export function tieBreakLabel(index: number): PreferenceLabel {
  return createRandomStream(index, 0).uniform() < 0.5 ? "A" : "B";
}

/** Combines the two orders of pair `index`. */
export function combineOrders(index: number, order12: OrderVerdict, order21: OrderVerdict): PairVerdict {
  const score1 = order12.A.p + order21.B.p;
  const score2 = order12.B.p + order21.A.p;
  const tie = Math.abs(score1 - score2) <= TIE_TOLERANCE;
  return {
    index,
    score1,
    score2,
    label: tie ? tieBreakLabel(index) : score1 > score2 ? "A" : "B",
    tie,
    certainty: tie ? 0 : Math.abs(score1 - score2) / 2,
    bounded: order12.A.bound || order12.B.bound || order21.A.bound || order21.B.bound,
    picks: { "12": pick(order12), "21": pick(order21) },
  };
}

/** How the position of a response sways the model, over a set of pairs. */
export interface PositionBias {
  readonly pairs: number;
  /** Share of orders (two per pair) whose favoured letter is A, the response shown first; 0.5 is no bias. */
  readonly shownFirst: number | null;
  /** Pairs where the model favours A in both orders (the first-shown response, whichever it is). */
  readonly aBothOrders: number;
  /** Pairs where it favours B in both orders. */
  readonly bBothOrders: number;
  /** Pairs where both orders favour the same response of the dataset. */
  readonly consistent: number;
}

export function positionBias(verdicts: readonly PairVerdict[]): PositionBias {
  let decided = 0;
  let firstShown = 0;
  let aBoth = 0;
  let bBoth = 0;
  let consistent = 0;
  for (const { picks } of verdicts) {
    for (const order of ["12", "21"] as const) {
      if (picks[order] === "tie") continue;
      decided += 1;
      if (picks[order] === "A") firstShown += 1;
    }
    if (picks["12"] === "A" && picks["21"] === "A") aBoth += 1;
    else if (picks["12"] === "B" && picks["21"] === "B") bBoth += 1;
    else if ((picks["12"] === "A" && picks["21"] === "B") || (picks["12"] === "B" && picks["21"] === "A")) consistent += 1;
  }
  return { pairs: verdicts.length, shownFirst: decided === 0 ? null : firstShown / decided, aBothOrders: aBoth, bBothOrders: bBoth, consistent };
}

/** Counts over a set of pair verdicts: what a collection's summary reports. */
export interface VerdictCounts {
  readonly pairs: number;
  readonly labels: Readonly<Record<PreferenceLabel, number>>;
  readonly ties: number;
  /** Pairs with a probability that is only an upper bound. */
  readonly bounded: number;
  /** Mean and median of |P(A) − P(B)|, both orders combined (null without pairs). */
  readonly certainty: { readonly mean: number | null; readonly median: number | null };
  readonly positionBias: PositionBias;
}

export function countVerdicts(verdicts: readonly PairVerdict[]): VerdictCounts {
  const certainties = verdicts.map((verdict) => verdict.certainty);
  return {
    pairs: verdicts.length,
    labels: { A: verdicts.filter((verdict) => verdict.label === "A").length, B: verdicts.filter((verdict) => verdict.label === "B").length },
    ties: verdicts.filter((verdict) => verdict.tie).length,
    bounded: verdicts.filter((verdict) => verdict.bounded).length,
    certainty: {
      mean: certainties.length === 0 ? null : certainties.reduce((sum, value) => sum + value, 0) / certainties.length,
      median: certainties.length === 0 ? null : median(certainties),
    },
    positionBias: positionBias(verdicts),
  };
}
