/**
 * Reading a verdict from the first generated token: the probability of the letter "A" and of the
 * letter "B" in the server's top-k list, or, without log-probabilities, the letter a sampled
 * answer names.
 *
 * Tokenizers spell the same letter several ways: "A" and " A" (with the space that follows
 * "Response"), lower case "a", and raw vocabulary forms that some servers return undecoded:
 * "▁A" (SentencePiece) and "ĠA" (byte-level BPE). Each listed token that spells the letter adds its
 * probability. A letter with no token in the list is rarer than every listed token, so its
 * probability is at most the smallest listed one: that bound is used in its place and flagged.
 */
import type { TokenLogprob } from "@prefdissect/annotation";

/** The two letters a verdict can name (the response shown first is A). */
export type ShownLetter = "A" | "B";

/** A token that spells one letter: leading whitespace or a word-start marker, then the letter. */
const LETTER_TOKEN = /^(?:\s|\u2581|\u0120)*([AaBb])$/u;

/** Which letter a token spells, if any. */
export function letterOfToken(token: string): ShownLetter | undefined {
  const match = LETTER_TOKEN.exec(token);
  return match === null ? undefined : (match[1]!.toUpperCase() as ShownLetter);
}

/** The probability of one letter at the first token. */
export interface LetterProbability {
  /** Sum over the listed tokens spelling the letter; for a bound, the smallest listed probability. */
  readonly p: number;
  /** True when no listed token spells the letter, so `p` is an upper bound. */
  readonly bound: boolean;
}

/** Both letters' probabilities read from one top-k list. */
export interface FirstTokenVerdict {
  readonly A: LetterProbability;
  readonly B: LetterProbability;
}

/**
 * Reads both letters' probabilities from a non-empty top-k list.
 * @returns `undefined` for an empty list (nothing can be read or bounded).
 */
export function readFirstToken(top: readonly TokenLogprob[]): FirstTokenVerdict | undefined {
  if (top.length === 0) return undefined;
  const sums = { A: 0, B: 0 };
  const seen = { A: false, B: false };
  let smallest = Infinity;
  for (const { token, logprob } of top) {
    const p = Math.exp(logprob);
    smallest = Math.min(smallest, p);
    const letter = letterOfToken(token);
    if (letter === undefined) continue;
    sums[letter] += p;
    seen[letter] = true;
  }
  const letter = (which: ShownLetter): LetterProbability => (seen[which] ? { p: sums[which], bound: false } : { p: smallest, bound: true });
  return { A: letter("A"), B: letter("B") };
}

/**
 * The letter a sampled answer names: the first standalone "A" or "B" (any case when it is the
 * whole answer), so "B", " A.", "Response B" and "The better one is A" are all read.
 * @returns `undefined` when the answer names neither.
 */
export function letterOfAnswer(text: string): ShownLetter | undefined {
  const whole = /^\W*([AaBb])\W*$/.exec(text);
  if (whole !== null) return whole[1]!.toUpperCase() as ShownLetter;
  const first = /(?<![A-Za-z0-9])([AB])(?![A-Za-z0-9])/.exec(text);
  return first === null ? undefined : (first[1] as ShownLetter);
}
