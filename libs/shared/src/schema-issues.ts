/**
 * How a zod validation problem reads in the project's error messages: "must be a string, got
 * number", "is missing", "must be one of "A", "B", got "C"". Every reader that validates with zod
 * goes through `checkSchema`, so the wording is the same for pairs files, manifests, PairRecords,
 * intervals files and model answers.
 *
 * The wording is done in a per-parse error map because zod 4 hands the offending value only to the
 * error map (finished issues keep it only when asked to), and an absent field and a field of the
 * wrong type look alike without it.
 */
import type { z } from "zod";

type RawIssue = z.core.$ZodRawIssue;

const KIND_NAMES: Readonly<Record<string, string>> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "an object",
  record: "an object",
  array: "an array",
  null: "null",
};

function kindName(expected: string): string {
  return KIND_NAMES[expected] ?? expected;
}

/** The JSON type of a value, as a user would name it. */
function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** A short rendering of a value for a message. */
function shown(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  return typeName(value) === "array" ? "an array" : `${typeName(value) === "object" ? "an" : "a"} ${typeName(value)}`;
}

function plural(count: number | bigint, noun: string): string {
  return `${count} ${noun}${Number(count) === 1 ? "" : "s"}`;
}

function sizeWords(issue: RawIssue & { code: "too_small" | "too_big" }): string | undefined {
  const small = issue.code === "too_small";
  const limit = small ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum;
  const inclusive = issue.inclusive !== false;
  const bound = small ? (inclusive ? "at least" : "more than") : inclusive ? "at most" : "fewer than";
  switch (issue.origin) {
    case "string":
      if (small && inclusive && Number(limit) === 1) return "is empty";
      return `must have ${bound} ${plural(limit, "character")}`;
    case "array":
    case "set":
      if (small && inclusive && Number(limit) === 1) return "must not be empty";
      return `must have ${bound} ${plural(limit, "item")}`;
    case "number":
    case "int":
    case "bigint": {
      const compare = small ? (inclusive ? "at least" : "greater than") : inclusive ? "at most" : "less than";
      return `must be ${compare} ${limit}, got ${shown(issue.input)}`;
    }
    default:
      return undefined;
  }
}

/**
 * Words one raw zod issue as the end of a sentence whose subject is the field ("… field "x" must
 * be a string, got number"). Returns `undefined` for issue kinds it has no better words for, so
 * zod's own message (or a schema's custom message) is kept. Pass it as the `error` option of a
 * parse; `checkSchema` does.
 */
export function describeZodIssue(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type": {
      if (issue.input === undefined) return "is missing";
      const got = issue.expected === "int" && typeof issue.input === "number" ? String(issue.input) : typeName(issue.input);
      return `must be ${kindName(issue.expected)}, got ${got}`;
    }
    case "invalid_value": {
      const values = issue.values.map((value) => JSON.stringify(value));
      return `must be ${values.length === 1 ? values[0] : `one of ${values.join(", ")}`}, got ${shown(issue.input)}`;
    }
    case "too_small":
    case "too_big":
      return sizeWords(issue);
    case "invalid_format":
      return issue.format === "regex" && issue.pattern !== undefined
        ? `must match ${issue.pattern}, got ${shown(issue.input)}`
        : `must be a valid ${issue.format}, got ${shown(issue.input)}`;
    case "invalid_union": {
      // Alternatives that differ only in type ("a string or a number") read as one expectation.
      const expected = issue.errors.map((branch) =>
        branch.length === 1 && branch[0]?.code === "invalid_type" && branch[0].path.length === 0 ? branch[0].expected : undefined,
      );
      if (expected.length === 0 || expected.some((kind) => kind === undefined)) return undefined;
      if (issue.input === undefined) return "is missing";
      return `must be ${[...new Set(expected as string[])].map(kindName).join(" or ")}, got ${typeName(issue.input)}`;
    }
    case "unrecognized_keys":
      return `has unexpected ${issue.keys.length === 1 ? "key" : "keys"} ${issue.keys.map((key) => JSON.stringify(key)).join(", ")}`;
    default:
      return undefined;
  }
}

/** Validates `value` against `schema`; the issues come worded by `describeZodIssue`. */
export function checkSchema<S extends z.ZodType>(schema: S, value: unknown): z.ZodSafeParseResult<z.output<S>> {
  return schema.safeParse(value, { error: describeZodIssue }) as z.ZodSafeParseResult<z.output<S>>;
}

/** The dotted path of an issue ("responseA.content", "artifacts.2.sha256"); "" at the top level. */
export function issuePath(issue: z.core.$ZodIssue): string {
  return issue.path.map(String).join(".");
}
