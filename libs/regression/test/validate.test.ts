import { describe, expect, it } from "vitest";
import { PrefDissectError } from "@prefdissect/shared";
import { fitPosteriorMode, validatePermutation, validateProblem } from "../src/index.js";

function messageOf(raw: unknown): string {
  try {
    validateProblem(raw, "p.json");
  } catch (error) {
    expect(error).toBeInstanceOf(PrefDissectError);
    return (error as Error).message;
  }
  throw new Error("expected validateProblem to throw");
}

describe("validateProblem()", () => {
  it("accepts a rectangular problem, including a column that never varies", () => {
    const p = validateProblem({
      X: [
        [1, 0],
        [-1, 0],
        [0, 0],
      ],
      y: [1, 0, 1],
      extra: "ignored",
    });
    expect(p.rows).toBe(3);
    expect(p.dim).toBe(2);
  });

  it.each([
    [{ X: [[1, 0], [1]], y: [0, 1] }, /row 1.*has 1 features but row 0 has 2/],
    [
      {
        X: [
          [1, 0],
          [1, Number.NaN],
        ],
        y: [0, 1],
      },
      /row 1.*X\[1\]\[1\].*finite number, got NaN/,
    ],
    [
      {
        X: [
          [1, 0],
          [1, "a"],
        ],
        y: [0, 1],
      },
      /X\[1\]\[1\].*finite number, got "a"/,
    ],
    [
      {
        X: [
          [1, 0],
          [1, 1],
        ],
        y: [0, 2],
      },
      /row 1.*field "y".*label 0 or 1, got 2/,
    ],
    [
      {
        X: [
          [1, 0],
          [1, 1],
        ],
        y: [0, true],
      },
      /label 0 or 1, got true/,
    ],
    [{ X: [], y: [] }, /no rows \(n = 0\)/],
    [{ X: [[1], [0]], y: [1] }, /field "y".*1 labels but X has 2 rows/],
    [{ y: [1] }, /field "X".*array of feature rows/],
    [[1, 2], /expected an object with keys "X" and "y"/],
  ])("rejects bad input with one clear message (%#)", (raw, pattern) => {
    const message = messageOf(raw);
    expect(message).toMatch(/^p\.json/);
    expect(message).toMatch(pattern);
  });
});

describe("fits of raw input", () => {
  it("validate input that carries rows and dim keys of its own (other keys are ignored)", () => {
    const raw = {
      X: [
        [1, 0],
        [1, Number.NaN],
      ],
      y: [0, 1],
      rows: 2,
      dim: 2,
    };
    expect(() => fitPosteriorMode(raw)).toThrow(PrefDissectError);
    expect(() => fitPosteriorMode(raw)).toThrow(/finite number, got NaN/);
  });
});

describe("validatePermutation()", () => {
  it("accepts a permutation and rejects repeats, gaps and wrong lengths", () => {
    expect(validatePermutation([2, 0, 1], 3)).toEqual([2, 0, 1]);
    expect(() => validatePermutation([0, 0, 1], 3)).toThrow(/entry 1 is 0/);
    expect(() => validatePermutation([0, 1], 3)).toThrow(/2 entries but the problem has 3 rows/);
    expect(() => validatePermutation([0, 1, 3], 3)).toThrow(/entry 2 is 3/);
  });

  /** The error validatePermutation throws for `raw`. */
  function permutationError(raw: unknown, rows: number, file?: string): PrefDissectError {
    try {
      validatePermutation(raw, rows, file);
    } catch (error) {
      expect(error).toBeInstanceOf(PrefDissectError);
      return error as PrefDissectError;
    }
    throw new Error("validatePermutation accepted it");
  }

  it("names the file, the field and the entry, in the message and in the error's place", () => {
    const notArray = permutationError({ 0: 1 }, 2, "perm.json");
    expect(notArray).toMatchObject({ code: "bad-permutation", place: { file: "perm.json", field: "permutation" } });
    expect(notArray.message).toBe('perm.json, field "permutation": expected an array of row indices.');
    const short = permutationError([0], 2, "perm.json");
    expect(short.message).toBe('perm.json, field "permutation": has 1 entries but the problem has 2 rows.');
    expect(short.place).toEqual({ file: "perm.json", field: "permutation" });
    const repeated = permutationError([1, 1, 0], 3, "perm.json");
    expect(repeated.message).toBe('perm.json, field "permutation": entry 1 is 1; expected each of 0…2 exactly once.');
    expect(repeated.place).toEqual({ file: "perm.json", field: "permutation", row: 1 });
    // without a file, the field alone
    const bare = permutationError([0, 2], 2);
    expect(bare.message).toBe("permutation: entry 1 is 2; expected each of 0…1 exactly once.");
    // strictly: no `file` key at all, not one set to undefined
    expect(bare.place).toStrictEqual({ field: "permutation", row: 1 });
    expect(permutationError("0,1", 2).place).toStrictEqual({ field: "permutation" });
  });

  it("rejects entries that are not whole row numbers", () => {
    expect(permutationError([0, 0.5], 2).message).toMatch(/entry 1 is 0\.5;/);
    expect(permutationError(["0", 1], 2).message).toMatch(/entry 0 is "0";/);
    expect(permutationError([-1, 0], 2).message).toMatch(/entry 0 is -1;/);
    expect(permutationError([0, 2], 2).message).toMatch(/entry 1 is 2;/);
    expect(validatePermutation([1, 0], 2)).toEqual([1, 0]);
  });
});
