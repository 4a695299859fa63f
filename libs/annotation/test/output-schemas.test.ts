import { describe, expect, it } from "vitest";
import { ErrorDetectionAnswerSchema, QueryAnalysisAnswerSchema, pairRatingsSchema, querySpecificAnswerSchema } from "../src/index.js";

describe("answer schemas", () => {
  it("normalises the query analysis into QueryInfo", () => {
    const info = QueryAnalysisAnswerSchema.parse({
      clear_intent: "Yes",
      expresses_feelings: false,
      explicit_constraints: ["be brief"],
      subjective_stances: [],
      mistakes_or_biases: [],
    });
    expect(info).toEqual({ clearIntent: true, expressesFeelings: false, constraints: ["be brief"], stances: [], mistakes: [] });
  });

  it("accepts numeric strings as ratings but rejects out-of-range and missing ones", () => {
    const schema = pairRatingsSchema(["x", "y"]);
    expect(schema.parse({ response_a: { x: "2", y: 0 }, response_b: { x: 3, y: 1 } })).toEqual({ a: { x: 2, y: 0 }, b: { x: 3, y: 1 } });
    expect(schema.safeParse({ response_a: { x: 4, y: 0 }, response_b: { x: 3, y: 1 } }).success).toBe(false);
    expect(schema.safeParse({ response_a: { x: 1 }, response_b: { x: 3, y: 1 } }).success).toBe(false);
  });

  it("lower-cases error vocabularies and empties the list when the check is not applicable", () => {
    const checks = ErrorDetectionAnswerSchema.parse({
      response_a: { accuracy_check: "Applicable", errors: [{ description: "d", type: "math error", severity: " Severe " }] },
      response_b: { accuracy_check: "not applicable", errors: [{ description: "x", type: "factual error", severity: "minor" }] },
    });
    expect(checks.a).toEqual({ applicable: true, items: [{ description: "d", type: "math error", severity: "severe" }] });
    expect(checks.b).toEqual({ applicable: false, items: [] });
    expect(
      ErrorDetectionAnswerSchema.safeParse({
        response_a: { accuracy_check: "applicable", errors: [{ description: "d", type: "t", severity: "huge" }] },
        response_b: { accuracy_check: "applicable", errors: [] },
      }).success,
    ).toBe(false);
  });

  it("requires one query-specific label per listed item", () => {
    const schema = querySpecificAnswerSchema({ sections: ["constraints", "stances"], constraints: 2, stances: 1, mistakes: 0 });
    const parsed = schema.parse({
      response_a: { constraints: [3, "1"], stances: ["Strongly Supported"] },
      response_b: { constraints: [0, 2], stances: ["neutral"] },
    });
    expect(parsed.a).toEqual({ satisfyConstraints: [3, 1], supportStances: ["strongly supported"] });
    expect(
      schema.safeParse({ response_a: { constraints: [3], stances: ["neutral"] }, response_b: { constraints: [0, 2], stances: ["neutral"] } }).success,
    ).toBe(false);
  });
});
