import { describe, expect, it } from "vitest";
import { PrefDissectError } from "@prefdissect/shared";
import { parseQuestions } from "../src/index.js";
import { loadQuestions } from "../src/node.js";

/** What a PrefDissectError must carry: its code and the start of its one-line message. */
const refusal = (code: string, message: RegExp = /^[^\n]*$/) =>
  expect.objectContaining({ name: PrefDissectError.name, code, message: expect.stringMatching(message) });

describe("benchmark questions", () => {
  it("reads MT-Bench's 80 questions through the fetcher, turn 1 of each", async () => {
    const set = await loadQuestions("mt-bench");
    expect(set.format).toBe("mt-bench");
    expect(set.questions).toHaveLength(80);
    expect(set.questions[0]).toEqual({
      questionId: 81,
      category: "writing",
      instruction: "Compose an engaging travel blog post about a recent trip to Hawaii, highlighting cultural experiences and must-see attractions.",
    });
    expect(new Set(set.questions.map((q) => q.category)).size).toBe(8);
  });

  it("reads an AlpacaEval list, numbering the instructions and keeping dataset", () => {
    const set = parseQuestions(
      JSON.stringify([{ instruction: "Say hi.", dataset: "helpful_base", output: "Hi" }, { instruction: "Name a colour." }]),
      "eval.json",
    );
    expect(set.format).toBe("alpaca-eval");
    expect(set.questions).toEqual([
      { questionId: 1, category: "helpful_base", instruction: "Say hi.", dataset: "helpful_base" },
      { questionId: 2, category: "alpaca_eval", instruction: "Name a colour." },
    ]);
  });

  it("says in one line when a file is in neither format, or where a question is wrong", () => {
    expect(() => parseQuestions("question,answer\nhi,there\n", "q.csv")).toThrow(
      refusal("wrong-format", /^q\.csv is neither MT-Bench questions [^\n]* nor an AlpacaEval instruction set[^\n]*$/),
    );
    expect(() => parseQuestions('{"question_id": 1, "category": "x", "turns": ["a"]}\n{"question_id": 2, "category": "x", "turns": []}\n', "q.jsonl")).toThrow(
      refusal("malformed-line", /^q\.jsonl:2: field "turns"/),
    );
    expect(() => parseQuestions('[{"instruction": "a"}, {"prompt": "b"}]', "a.json")).toThrow(
      refusal("malformed-file", /^a\.json: row 1, field "instruction"/),
    );
    expect(() => parseQuestions("[]", "a.json")).toThrow(refusal("malformed-file"));
    expect(() =>
      parseQuestions('{"question_id": 1, "category": "x", "turns": ["a"]}\n{"question_id": 1, "category": "x", "turns": ["b"]}\n', "q.jsonl"),
    ).toThrow(refusal("duplicate-id"));
  });
});
