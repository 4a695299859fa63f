import { describe, expect, it } from "vitest";
import { ERROR_CODES, PrefDissectError, describePlace, isPrefDissectError, type ErrorCode } from "../src/index.js";

describe("PrefDissectError", () => {
  it("carries one of the listed codes, the message and the place", () => {
    const error = new PrefDissectError("missing-file", "cannot read x.json (ENOENT)", { file: "x.json" });
    expect(isPrefDissectError(error)).toBe(true);
    expect(error.code).toBe("missing-file");
    expect(Object.keys(ERROR_CODES)).toContain(error.code);
    expect(describePlace(error.place)).toBe("x.json");
  });

  it("accepts only listed codes (a misspelt code is a type error)", () => {
    // The directive below fails typecheck as soon as the misspelt code is accepted.
    // @ts-expect-error "missing-flie" is not an ErrorCode
    const misspelt = new PrefDissectError("missing-flie", "never thrown");
    expect(misspelt.code).toBe("missing-flie");
    const codes: ErrorCode[] = ["bad-flag", "group-sizes"];
    expect(codes.every((code) => ERROR_CODES[code].length > 0)).toBe(true);
  });

  it("describes every code in words", () => {
    for (const [code, meaning] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(meaning.length, code).toBeGreaterThan(10);
    }
  });
});
