import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkSchema, issuePath } from "../src/index.js";

const Schema = z.object({
  text: z.string(),
  note: z
    .string()
    .refine((value) => value.trim() !== "", { message: "is blank" })
    .optional(),
  count: z.number().int().min(0).optional(),
  share: z.number().gt(0).lt(1).optional(),
  id: z.union([z.string(), z.number()]).optional(),
  label: z.enum(["A", "B"]).optional(),
  format: z.literal("v1").optional(),
  items: z.array(z.number()).min(1).optional(),
  name: z.string().min(1).optional(),
  hash: z
    .string()
    .regex(/^[0-9a-f]{4}$/)
    .optional(),
  strict: z.strictObject({ a: z.number() }).optional(),
});

/** The worded first issue of validating `value`, as "path: message". */
function firstProblem(value: unknown): string {
  const result = checkSchema(Schema, value);
  if (result.success) return "valid";
  const issue = result.error.issues[0]!;
  return `${issuePath(issue)}: ${issue.message}`;
}

describe("checkSchema()", () => {
  it("tells a wrong type from a missing field", () => {
    expect(firstProblem({ text: 42 })).toBe("text: must be a string, got number");
    expect(firstProblem({ text: null })).toBe("text: must be a string, got null");
    expect(firstProblem({ text: ["a"] })).toBe("text: must be a string, got array");
    expect(firstProblem({})).toBe("text: is missing");
  });

  it("names the expectation and the value for numbers, options and sizes", () => {
    expect(firstProblem({ text: "t", count: 1.5 })).toBe("count: must be a whole number, got 1.5");
    expect(firstProblem({ text: "t", count: -1 })).toBe("count: must be at least 0, got -1");
    expect(firstProblem({ text: "t", share: 1 })).toBe("share: must be less than 1, got 1");
    expect(firstProblem({ text: "t", id: true })).toBe("id: must be a string or a number, got boolean");
    expect(firstProblem({ text: "t", label: "C" })).toBe('label: must be one of "A", "B", got "C"');
    expect(firstProblem({ text: "t", format: "v2" })).toBe('format: must be "v1", got "v2"');
    expect(firstProblem({ text: "t", items: [] })).toBe("items: must not be empty");
    expect(firstProblem({ text: "t", items: [1, "2"] })).toBe("items.1: must be a number, got string");
    expect(firstProblem({ text: "t", name: "" })).toBe("name: is empty");
    expect(firstProblem({ text: "t", hash: "xyz" })).toBe('hash: must match /^[0-9a-f]{4}$/, got "xyz"');
    expect(firstProblem({ text: "t", strict: { a: 1, b: 2 } })).toBe('strict: has unexpected key "b"');
  });

  it("keeps a schema's own message", () => {
    expect(firstProblem({ text: "t", note: "  " })).toBe("note: is blank");
  });

  it("returns the parsed data when the value is valid", () => {
    const result = checkSchema(Schema, { text: "t", count: 3 });
    expect(result.success && result.data).toEqual({ text: "t", count: 3 });
  });
});
