import { describe, expect, it } from "vitest";
import { PrefDissectError } from "@prefdissect/shared";
import { approximateWordCount, parsePairsFile } from "../src/index.js";

const encode = (text: string) => new TextEncoder().encode(text);
const raw = (extra: Record<string, unknown> = {}) => JSON.stringify({ prompt: "Q?", response_a: "Answer one.", response_b: "Answer two, longer.", ...extra });

function errorOf(fn: () => unknown): PrefDissectError {
  try {
    fn();
  } catch (error) {
    if (error instanceof PrefDissectError) return error;
    throw error;
  }
  throw new Error("expected a PrefDissectError");
}

describe("parsePairsFile()", () => {
  it("reads the authors' raw format with labels, counts and reference", () => {
    const [pair] = parsePairsFile(
      encode(raw({ id: 7, group: "Code", scenario: "code_generation", winner: "model_b", "response_a word": 5, gpt4_ref_output: "ref" })),
      "in.jsonl",
    );
    expect(pair).toMatchObject({
      id: "7",
      line: 1,
      query: "Q?",
      scenario: "Code",
      scenarioAutoJ: "code_generation",
      labels: { human: "B" },
      reference: "ref",
      responseA: { content: "Answer one.", words: 5 },
      responseB: { words: approximateWordCount("Answer two, longer.") },
    });
  });

  it("reads Hugging Face rows and PairRecord lines", () => {
    const hf = JSON.stringify({
      query: "Q",
      response_1: { content: "a", model: "m1", num_words: 1 },
      response_2: { content: "b", model: "m2", num_words: 1 },
      scenario_group: "Advice",
      preference_labels: { human: "response_2", "gpt-4-1106-preview": "response_1" },
    });
    const own = JSON.stringify({
      id: "p1",
      query: "Q",
      scenario: "Code",
      responseA: { content: "a", words: 1 },
      responseB: { content: "b", words: 1 },
      labels: { human: "A" },
    });
    const pairs = parsePairsFile(encode(`${hf}\n\n${own}\n`), "in.jsonl");
    expect(pairs.map((pair) => [pair.id, pair.line, pair.scenario, pair.labels])).toEqual([
      ["0", 1, "Advice", { human: "B", "gpt-4-1106-preview": "A" }],
      ["p1", 3, "Code", { human: "A" }],
    ]);
  });

  it("names the line and field of a missing, empty or wrongly typed response", () => {
    const missing = errorOf(() => parsePairsFile(encode(`${raw()}\n${JSON.stringify({ prompt: "Q", response_a: "x" })}`), "in.jsonl"));
    expect(missing.message).toBe('in.jsonl:2, field "response_b": "response_b" is missing');
    const number = errorOf(() => parsePairsFile(encode(raw({ response_a: 42 })), "in.jsonl"));
    expect(number.message).toBe('in.jsonl:1, field "response_a": "response_a" must be a string, got number');
    const nested = JSON.stringify({ query: "Q", responseA: { content: "a" }, responseB: { content: null } });
    expect(errorOf(() => parsePairsFile(encode(nested), "in.jsonl")).message).toBe(
      'in.jsonl:1, field "responseB.content": "responseB.content" must be a string, got null',
    );
    const empty = errorOf(() => parsePairsFile(encode(raw({ response_a: "  " })), "in.jsonl"));
    expect(empty.message).toContain('in.jsonl:1, field "response_a"');
    expect(empty.message).toContain("is empty");
  });

  it("reports invalid UTF-8, broken JSON, unknown shapes and duplicate ids by line", () => {
    const bytes = new Uint8Array([...encode(`${raw()}\n`), 0x7b, 0xff, 0xfe, 0x7d, 0x0a]);
    expect(errorOf(() => parsePairsFile(bytes, "in.jsonl")).message).toBe("in.jsonl:2: not valid UTF-8 text");
    expect(errorOf(() => parsePairsFile(encode(`${raw()}\n{oops`), "in.jsonl")).message).toMatch(/^in\.jsonl:2: not valid JSON/);
    expect(errorOf(() => parsePairsFile(encode('{"text": "x"}'), "in.jsonl")).message).toMatch(/^in\.jsonl:1: unrecognised pair/);
    expect(errorOf(() => parsePairsFile(encode(`${raw({ id: 1 })}\n${raw({ id: 1 })}`), "in.jsonl")).message).toBe(
      'in.jsonl:2, field "id": duplicate pair id "1" (first seen on line 1)',
    );
    expect(errorOf(() => parsePairsFile(encode("\n\n"), "in.jsonl")).message).toBe("in.jsonl: contains no pairs");
  });
});

describe("approximateWordCount()", () => {
  it("counts punctuation and contractions the way NLTK splits them", () => {
    expect(approximateWordCount("Don't stop, it's fine.")).toBe(8); // Do n't stop , it 's fine .
    expect(approximateWordCount("")).toBe(0);
  });
});
