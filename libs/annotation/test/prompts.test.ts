import { describe, expect, it } from "vitest";
import { PROPERTIES } from "@prefdissect/data";
import {
  PROMPTS,
  PROMPT_IDS,
  promptProperties,
  queryAnalysisCall,
  queryFreeRatingCall,
  querySpecificCall,
  referenceAnswerCall,
  errorDetectionCall,
  queryAwareRatingCall,
  templateSlots,
  fillTemplate,
  matchTemplate,
} from "../src/index.js";

const texts = { query: "Write {{keys}} twice.", responseA: "A says {{query}}", responseB: "B" };

describe("prompt catalog", () => {
  it("has one versioned prompt per call id", () => {
    for (const id of PROMPT_IDS) {
      expect(PROMPTS[id].id).toBe(id);
      expect(PROMPTS[id].version).toBeGreaterThanOrEqual(1);
    }
  });

  it("rates the 18 query-free and 2 query-aware basic properties, each once", () => {
    const free = promptProperties("basic-query-free").map((item) => item.property);
    const aware = promptProperties("basic-query-aware").map((item) => item.property);
    expect(free).toHaveLength(18);
    expect(aware.sort()).toEqual([17, 18]);
    const likert = PROPERTIES.filter((property) => property.kind === "basic").map((property) => property.index);
    expect([...free, ...aware].sort((a, b) => a - b)).toEqual(likert);
  });

  it("renders every call without leftover slots and never expands slots inside the inputs", () => {
    const info = { clearIntent: false, expressesFeelings: true, constraints: ["c1"], stances: ["s1"], mistakes: ["m1", "m2"] };
    const calls = [
      referenceAnswerCall(texts),
      queryAnalysisCall(texts),
      queryFreeRatingCall(texts),
      queryAwareRatingCall(texts),
      errorDetectionCall(texts, "ref"),
      querySpecificCall(texts, info)!,
    ];
    for (const call of calls) {
      const user = call.messages[1]!.content;
      // The input text keeps its literal braces; template slots are all filled.
      expect(user.includes("Write {{keys}} twice.") || call.promptId === "basic-query-free").toBe(true);
      expect(templateSlots(user.replaceAll("{{keys}}", "").replaceAll("{{query}}", ""))).toEqual([]);
      expect(call.params).toMatchObject({ temperature: 0, topP: 1, seed: 42 });
    }
    expect(calls[0]!.params.json).toBe(false);
    expect(calls[1]!.params.json).toBe(true);
  });

  it("asks query-specific questions only for the cases the analysis triggered", () => {
    const none = { clearIntent: true, expressesFeelings: false, constraints: [], stances: [], mistakes: [] };
    expect(querySpecificCall(texts, none)).toBeUndefined();
    const call = querySpecificCall(texts, { ...none, constraints: ["be brief", "use bullets"] })!;
    const user = call.messages[1]!.content;
    expect(user).toContain('<constraints>["be brief","use bullets"]</constraints>');
    expect(user).not.toContain("show_empathy:");
    expect(user).not.toContain("<stances>");
  });

  it("fills a template in one pass and rejects a slot without a value", () => {
    expect(fillTemplate("a {{x}} b", { x: "{{x}}" })).toBe("a {{x}} b");
    expect(() => fillTemplate("{{missing}}", {})).toThrow(/missing/);
  });

  it("reads the values back out of a filled template (the inverse of fillTemplate)", () => {
    const template = "Q: {{query}}\n[A] {{response_a}}\n[B] {{response_b}}\nWhich? (*{{query}}*)";
    const values = { query: "Is 2+2 (really) 4? $5 {{x}}", response_a: "Yes.\n\nTwo lines.", response_b: "" };
    expect(matchTemplate(template, fillTemplate(template, values))).toEqual(values);
    expect(matchTemplate(template, "Q: hi\n[A] a\n[B] b\nWhich? (*other*)")).toBeUndefined();
    expect(matchTemplate(template, `${fillTemplate(template, values)} and more`)).toBeUndefined();
  });
});
