/**
 * Parsers for numeric flags, shared by every command so that all of them accept the same inputs
 * and word a bad value the same way: `--<flag> must be …, got "<value>"`.
 */
import { PrefDissectError } from "@prefdissect/shared";

function reject(flag: string, text: string, expected: string): never {
  throw new PrefDissectError("bad-flag", `--${flag} must be ${expected}, got "${text}"`, { field: `--${flag}` });
}

/** A whole number in [min, max]; an absent flag stays absent. */
export function wholeNumber(flag: string, text: string, min: number, max?: number): number;
export function wholeNumber(flag: string, text: string | undefined, min: number, max?: number): number | undefined;
export function wholeNumber(flag: string, text: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\s*-?\d+\s*$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    reject(flag, text, max === Number.MAX_SAFE_INTEGER ? `a whole number ≥ ${min}` : `a whole number from ${min} to ${max}`);
  }
  return value;
}

/** A finite number > 0 (or ≥ 0 with `allowZero`); an absent flag stays absent. */
export function positiveNumber(flag: string, text: string, allowZero?: boolean): number;
export function positiveNumber(flag: string, text: string | undefined, allowZero?: boolean): number | undefined;
export function positiveNumber(flag: string, text: string | undefined, allowZero = false): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    reject(flag, text, allowZero ? "a number ≥ 0" : "a positive number");
  }
  return value;
}

/** `wholeNumber` as a commander argument parser. */
export function wholeNumberParser(flag: string, min: number): (text: string) => number {
  return (text) => wholeNumber(flag, text, min);
}
