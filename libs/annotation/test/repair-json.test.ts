import { describe, expect, it } from "vitest";
import { extractJsonObject, removeTrailingCommas } from "../src/index.js";

describe("extractJsonObject()", () => {
  it("parses clean JSON without repairs", () => {
    expect(extractJsonObject('{"a": 1}')).toEqual({ ok: true, value: { a: 1 }, repaired: [] });
  });

  it("repairs a code fence, surrounding prose and trailing commas", () => {
    const text = 'Here you go:\n```json\n{"a": [1, 2,], "b": {"c": "x",},}\n```\nHope this helps.';
    const result = extractJsonObject(text);
    expect(result).toEqual({ ok: true, value: { a: [1, 2], b: { c: "x" } }, repaired: ["code fence", "trailing comma"] });
  });

  it("strips prose around a bare object", () => {
    expect(extractJsonObject('Result: {"a": 1} done')).toMatchObject({ ok: true, value: { a: 1 }, repaired: ["surrounding text"] });
  });

  it("leaves commas inside strings alone", () => {
    expect(removeTrailingCommas('{"a": "x,}", "b": [1,],}')).toBe('{"a": "x,}", "b": [1]}');
  });

  it("fails on prose and on truncated JSON", () => {
    expect(extractJsonObject("I prefer the first response.")).toEqual({ ok: false, reason: "the answer contains no JSON object" });
    const truncated = extractJsonObject('{"response_a": {"harmless": 3, "friendly": ');
    expect(truncated.ok).toBe(false);
    expect(extractJsonObject("   ")).toEqual({ ok: false, reason: "the answer is empty" });
  });
});
