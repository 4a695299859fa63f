import { describe, expect, it } from "vitest";
import { cacheKey } from "@prefdissect/annotation/node";
import { COMPARISON_PROMPT, comparisonCall, readComparison, renderComparison, comparisonInputs, type CollectSettings } from "../src/index.js";

const pair = { query: "Name a prime number.", responseA: "7 is prime.", responseB: "Nine." };
const settings: CollectSettings = { endpoint: "completions", reading: "logprobs", topLogprobs: 5, seed: 42 };

describe("the comparison prompt", () => {
  it("ends the raw completions prompt where the next token is the verdict letter", () => {
    const { prompt, messages } = renderComparison(comparisonInputs(pair, "12"), "completions");
    expect(messages).toEqual([]);
    expect(prompt).toMatch(/Response$/);
    expect(prompt!.indexOf(pair.responseA)).toBeLessThan(prompt!.indexOf(pair.responseB));
  });

  it("asks a chat model for one letter", () => {
    const { messages, prompt } = renderComparison(comparisonInputs(pair, "12"), "chat");
    expect(prompt).toBeUndefined();
    expect(messages.map((message) => message.role)).toEqual(["system", "user"]);
    expect(messages[1]!.content).toMatch(/single letter A or B\.$/);
  });

  it("shows the dataset's second response first in order 21", () => {
    expect(comparisonInputs(pair, "21")).toEqual({ query: pair.query, response_a: pair.responseB, response_b: pair.responseA });
  });

  it("is read back from either rendering, and nothing else is", () => {
    for (const endpoint of ["chat", "completions"] as const) {
      const { prompt, messages } = renderComparison(comparisonInputs(pair, "21"), endpoint);
      const request = { endpoint, prompt: prompt ?? "", system: messages[0]?.content ?? "", user: messages[1]?.content ?? "" };
      expect(readComparison(request)).toEqual({ query: pair.query, shownA: pair.responseB, shownB: pair.responseA });
    }
    expect(
      readComparison({ endpoint: "chat", system: "You rate responses.", user: renderComparison(comparisonInputs(pair, "12"), "chat").messages[1]!.content }),
    ).toBeUndefined();
    expect(readComparison({ endpoint: "completions", prompt: "Hello" })).toBeUndefined();
  });
});

describe("comparison calls", () => {
  it("ask for one token with a top-k list, at temperature 0, under the prompt's version", () => {
    const call = comparisonCall(pair, "12", settings);
    expect(call).toMatchObject({ promptId: "judge-comparison", promptVersion: COMPARISON_PROMPT.version });
    expect(call.params).toEqual({ temperature: 0, topP: 1, seed: 42, maxTokens: 1, json: false, endpoint: "completions", topLogprobs: 5 });
    const chat = comparisonCall(pair, "12", { ...settings, endpoint: "chat" });
    expect(chat.params).not.toHaveProperty("endpoint");
    const sampled = comparisonCall(pair, "12", { ...settings, reading: "sampled" });
    expect(sampled.params).not.toHaveProperty("topLogprobs");
    expect(sampled.params.maxTokens).toBeGreaterThan(1);
  });

  it("get a different cache key per order, endpoint and reading, the same for the same call", () => {
    const keys = [
      comparisonCall(pair, "12", settings),
      comparisonCall(pair, "21", settings),
      comparisonCall(pair, "12", { ...settings, endpoint: "chat" }),
      comparisonCall(pair, "12", { ...settings, reading: "sampled" }),
      comparisonCall(pair, "12", { ...settings, topLogprobs: 20 }),
    ].map((call) => cacheKey("m", call));
    expect(new Set(keys).size).toBe(keys.length);
    expect(cacheKey("m", comparisonCall(pair, "12", settings))).toBe(keys[0]);
  });

  it("read a verdict from the top-k list, or fail without one", () => {
    const call = comparisonCall(pair, "12", settings);
    const read = call.parse(" B", [
      { token: " B", logprob: Math.log(0.6) },
      { token: " A", logprob: Math.log(0.3) },
    ]);
    expect(read.ok && read.value.A.p).toBeCloseTo(0.3, 12);
    expect(call.parse(" B", undefined)).toEqual({ ok: false, reason: "the answer has no log-probabilities" });
    expect(call.parse(" B", []).ok).toBe(false);
    const sampled = comparisonCall(pair, "12", { ...settings, reading: "sampled" });
    expect(sampled.parse("Response B.")).toMatchObject({ ok: true, value: { A: { p: 0 }, B: { p: 1 }, top: [] } });
    expect(sampled.parse("I cannot decide.")).toMatchObject({ ok: false, reason: expect.stringMatching(/names neither A nor B/) });
  });
});
