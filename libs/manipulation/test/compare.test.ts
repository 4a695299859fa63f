import { describe, expect, it } from "vitest";
import { ALPACA_EVAL_ANNOTATIONS_FILE, FASTCHAT_JUDGMENTS_FILE, alpacaEvalWinRates, fastChatScores } from "../src/index.js";

describe("comparing judged runs", () => {
  it("averages FastChat's turn-1 grades per model, dropping unreadable verdicts (-1)", () => {
    const text = [
      { question_id: 81, model: "m", judge: ["gpt-4", "single-v1"], score: 6, turn: 1, tstamp: 1 },
      { question_id: 82, model: "m", judge: ["gpt-4", "single-v1"], score: 8, turn: 1, tstamp: 1 },
      { question_id: 83, model: "m", judge: ["gpt-4", "single-v1"], score: -1, turn: 1, tstamp: 1 },
      { question_id: 81, model: "m", judge: ["gpt-4", "single-v1-multi-turn"], score: 1, turn: 2, tstamp: 1 },
      { question_id: 81, model: "m+favour", judge: ["gpt-4", "single-v1"], score: 9, turn: 1, tstamp: 1 },
    ]
      .map((line) => JSON.stringify(line))
      .join("\n");
    const scores = fastChatScores(FASTCHAT_JUDGMENTS_FILE.parse(text, "single.jsonl"));
    expect(scores).toEqual([
      { model: "m+favour", mean: 9, questions: 1 },
      { model: "m", mean: 7, questions: 2 },
    ]);
    expect(fastChatScores(FASTCHAT_JUDGMENTS_FILE.parse(text, "single.jsonl"), 2)).toEqual([{ model: "m", mean: 1, questions: 1 }]);
  });

  it("gives AlpacaEval's win rate of output_2 over output_1, ties counting half", () => {
    const entry = (preference: number | null) => ({
      instruction: "i",
      output_1: "a",
      output_2: "b",
      generator_1: "base",
      generator_2: "steered",
      annotator: "x",
      preference,
    });
    const annotations = ALPACA_EVAL_ANNOTATIONS_FILE.parse(JSON.stringify([entry(2), entry(2), entry(1), entry(1.5), entry(null)]), "annotations.json");
    expect(alpacaEvalWinRates(annotations)).toEqual([{ reference: "base", model: "steered", winRate: 62.5, wins: 2, losses: 1, ties: 1, comparisons: 4 }]);
  });
});
