import { describe, expect, it } from "vitest";
import {
  combineOrders,
  countVerdicts,
  letterOfAnswer,
  letterOfToken,
  pairVerdicts,
  positionBias,
  readFirstToken,
  tieBreakLabel,
  type LogprobsLine,
  type OrderVerdict,
} from "../src/index.js";

const lp = (token: string, p: number) => ({ token, logprob: Math.log(p) });
const verdict = (pA: number, pB: number, bound = false): OrderVerdict => ({ A: { p: pA, bound }, B: { p: pB, bound } });

describe("reading the first token", () => {
  it("recognises the usual spellings of each letter and nothing else", () => {
    for (const token of ["A", " A", "a", " a", "\u2581A", "\u0120A", "\nA"]) expect(letterOfToken(token)).toBe("A");
    for (const token of ["B", " B", "b", "  b"]) expect(letterOfToken(token)).toBe("B");
    for (const token of ["AB", " A.", "Response", " C", "", " ", "A "]) expect(letterOfToken(token)).toBeUndefined();
  });

  it("adds up every listed spelling of a letter", () => {
    const read = readFirstToken([lp(" A", 0.5), lp(" B", 0.2), lp("A", 0.1), lp(" The", 0.08), lp("b", 0.02)])!;
    expect(read.A.p).toBeCloseTo(0.6, 12);
    expect(read.B.p).toBeCloseTo(0.22, 12);
    expect(read.A.bound || read.B.bound).toBe(false);
  });

  it("bounds a letter missing from the list by the smallest listed probability, and flags it", () => {
    const read = readFirstToken([lp(" A", 0.7), lp(" The", 0.1), lp("\n", 0.03)])!;
    expect(read.A).toEqual({ p: expect.closeTo(0.7, 12), bound: false });
    expect(read.B).toEqual({ p: expect.closeTo(0.03, 12), bound: true });
    const neither = readFirstToken([lp(" The", 0.6), lp(" I", 0.2)])!;
    expect(neither.A).toEqual({ p: expect.closeTo(0.2, 12), bound: true });
    expect(neither.B).toEqual(neither.A);
    expect(readFirstToken([])).toBeUndefined();
  });

  it("reads the letter a sampled answer names", () => {
    expect(letterOfAnswer("B")).toBe("B");
    expect(letterOfAnswer(" a.")).toBe("A");
    expect(letterOfAnswer("Response B is better.")).toBe("B");
    expect(letterOfAnswer("The better one is A")).toBe("A");
    expect(letterOfAnswer("Both are fine.")).toBeUndefined();
    expect(letterOfAnswer("ABBA")).toBeUndefined();
  });
});

describe("combining the two orders", () => {
  it("scores the dataset's responses as the paper does and labels the larger", () => {
    // Order 12 shows response 1 as A; order 21 shows it as B.
    const pair = combineOrders(4, verdict(0.7, 0.2), verdict(0.4, 0.5));
    expect(pair.score1).toBeCloseTo(0.7 + 0.5, 12);
    expect(pair.score2).toBeCloseTo(0.2 + 0.4, 12);
    expect(pair).toMatchObject({ index: 4, label: "A", tie: false, bounded: false, picks: { "12": "A", "21": "B" } });
    expect(pair.certainty).toBeCloseTo(0.3, 12);
    const second = combineOrders(5, verdict(0.45, 0.5), verdict(0.9, 0.05));
    expect(second).toMatchObject({ label: "B", picks: { "12": "B", "21": "A" } });
  });

  it("breaks ties with a coin seeded by the pair's index: the same each time, leaning to neither side", () => {
    const tie = combineOrders(11, verdict(0.6, 0.3), verdict(0.6, 0.3));
    expect(tie).toMatchObject({ tie: true, certainty: 0, label: tieBreakLabel(11), picks: { "12": "A", "21": "A" } });
    const labels = Array.from({ length: 2000 }, (_, index) => tieBreakLabel(index));
    expect(labels).toEqual(Array.from({ length: 2000 }, (_, index) => tieBreakLabel(index)));
    const shareA = labels.filter((label) => label === "A").length / labels.length;
    expect(shareA).toBeGreaterThan(0.45);
    expect(shareA).toBeLessThan(0.55);
  });

  it("flags a pair that used a bound", () => {
    expect(combineOrders(0, verdict(0.6, 0.01, true), verdict(0.2, 0.7)).bounded).toBe(true);
  });

  it("counts how position sways the model", () => {
    const verdicts = [
      combineOrders(0, verdict(0.8, 0.1), verdict(0.1, 0.8)), // consistent: response 1 both times
      combineOrders(1, verdict(0.8, 0.1), verdict(0.7, 0.2)), // A in both orders
      combineOrders(2, verdict(0.8, 0.1), verdict(0.6, 0.3)), // A in both orders
      combineOrders(3, verdict(0.1, 0.8), verdict(0.2, 0.7)), // B in both orders
      combineOrders(4, verdict(0.5, 0.5), verdict(0.2, 0.7)), // order 12 undecided
    ];
    expect(positionBias(verdicts)).toEqual({ pairs: 5, shownFirst: 5 / 9, aBothOrders: 2, bBothOrders: 1, consistent: 1 });
    const counts = countVerdicts(verdicts);
    expect(counts.labels.A + counts.labels.B).toBe(5);
    expect(counts.certainty.mean).toBeCloseTo(verdicts.reduce((sum, v) => sum + v.certainty, 0) / 5, 12);
  });
});

describe("pairs from a logprobs file", () => {
  const line = (index: number, order: "12" | "21", pA: number, pB: number): LogprobsLine => ({
    index,
    id: String(index),
    order,
    pA,
    pB,
    boundA: false,
    boundB: false,
    text: " A",
    top: [],
    sampled: false,
  });

  it("combines the two orders of each pair, in index order, and leaves out a pair with one order", () => {
    const verdicts = pairVerdicts([
      line(2, "21", 0.3, 0.6),
      line(0, "12", 0.9, 0.1),
      line(2, "12", 0.2, 0.7),
      line(0, "21", 0.2, 0.7),
      line(1, "12", 0.5, 0.4),
    ]);
    expect(verdicts.map((verdict) => [verdict.index, verdict.label])).toEqual([
      [0, "A"],
      [2, "B"],
    ]);
  });
});
