/**
 * Parsers for the authors' released files: per-group fitted weights, the group index and the
 * labels file. Pure functions over text, so they run in a browser too; `file` only names the
 * source in error messages.
 */
import { PrefDissectError, type ErrorCode } from "@prefdissect/shared";
import { PROPERTIES, PROPERTY_COUNT } from "./catalog/properties.js";
import { GROUP_IDS, isGroupId } from "./catalog/groups.js";
import { isJudgeId } from "./catalog/judges.js";
import { parseJsonDocument, parseJsonLines } from "./json-text.js";

/** Weights per group and judge: `ws.get(group)?.get(judge)` is a 29-vector in released order. */
export type WeightSet = ReadonlyMap<string, ReadonlyMap<string, readonly number[]>>;

/** Either preference label: "A" is the first response of the pair (`response_1`). */
export type Label = "A" | "B";

function fail(code: ErrorCode, message: string, file: string, line?: number, field?: string): never {
  throw new PrefDissectError(code, message, { file, ...(line !== undefined ? { line } : {}), ...(field ? { field } : {}) });
}

/**
 * Parses one `model_<group>_fitted_paras.jsonl`: one JSON object per line with `model_name` (a
 * judge id) and `parameters` (29 finite numbers).
 */
export function parseFittedParams(text: string, file: string, groupId: string): Map<string, number[]> {
  if (!isGroupId(groupId)) fail("unknown-group", `${file}: unknown group "${groupId}" (known: ${GROUP_IDS.join(", ")})`, file);
  const weights = new Map<string, number[]>();
  for (const { line, value: row } of parseJsonLines(text, file)) {
    if (typeof row !== "object" || row === null) fail("malformed-line", `${file}:${line} is not a JSON object`, file, line);
    const { model_name: judge, parameters } = row as { model_name?: unknown; parameters?: unknown };
    if (typeof judge !== "string") fail("malformed-line", `${file}:${line}: field "model_name" must be a string`, file, line, "model_name");
    if (!isJudgeId(judge)) fail("unknown-judge", `${file}:${line}: unknown judge "${judge}"`, file, line, "model_name");
    if (!Array.isArray(parameters) || parameters.length !== PROPERTY_COUNT) {
      const got = Array.isArray(parameters) ? `${parameters.length} values` : typeof parameters;
      fail("malformed-line", `${file}:${line}: field "parameters" must hold ${PROPERTY_COUNT} numbers, got ${got}`, file, line, "parameters");
    }
    parameters.forEach((value: unknown, k: number) => {
      if (typeof value !== "number" || !Number.isFinite(value)) {
        fail(
          "malformed-line",
          `${file}:${line}: parameters[${k}] (${PROPERTIES[k]!.name}) must be a finite number, got ${JSON.stringify(value)}`,
          file,
          line,
          "parameters",
        );
      }
    });
    if (weights.has(judge)) fail("duplicate-judge", `${file}:${line}: judge "${judge}" appears twice`, file, line, "model_name");
    weights.set(judge, parameters as number[]);
  }
  return weights;
}

/** File name of a group's weights in the released layout. */
export function weightsFileName(groupId: string): string {
  return `model_${groupId}_fitted_paras.jsonl`;
}

/**
 * The text of one group's weights file in the released layout: one `{"model_name", "parameters"}`
 * line per judge, in the order given (the inverse of `parseFittedParams`).
 */
export function formatFittedParams(weights: Iterable<readonly [string, readonly number[]]>): string {
  const lines = [...weights].map(([judge, parameters]) => JSON.stringify({ model_name: judge, parameters }));
  return lines.join("\n") + "\n";
}

/**
 * Parses the group index (`query_aware_idxs.json`): an object from group id (plus "all") to the
 * row indices of that group in dataset order.
 */
export function parseGroupIndex(text: string, file: string): Map<string, number[]> {
  const json = parseJsonDocument(text, file);
  if (typeof json !== "object" || json === null || Array.isArray(json)) fail("malformed-file", `${file} must hold a JSON object`, file);
  const index = new Map<string, number[]>();
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
    if (key !== "all" && !isGroupId(key)) fail("unknown-group", `${file}: unknown group "${key}"`, file, undefined, key);
    if (!Array.isArray(value) || !value.every((v) => Number.isInteger(v) && v >= 0)) {
      fail("malformed-file", `${file}: group "${key}" must be a list of non-negative row indices`, file, undefined, key);
    }
    index.set(key, value as number[]);
  }
  return index;
}

/**
 * Parses a labels file: a JSON array of "A" / "B" in dataset order (the format of the authors'
 * example labels file). `expectedLength`, when given, must match.
 */
export function parseLabelsFile(text: string, file: string, expectedLength?: number): Label[] {
  const json = parseJsonDocument(text, file);
  if (!Array.isArray(json)) fail("malformed-file", `${file} must hold a JSON array of "A"/"B" labels`, file);
  json.forEach((value: unknown, row: number) => {
    if (value !== "A" && value !== "B") {
      throw new PrefDissectError("bad-label", `${file}: entry ${row} is ${JSON.stringify(value)}, expected "A" or "B"`, { file, row });
    }
  });
  if (expectedLength !== undefined && json.length !== expectedLength) {
    fail("length-mismatch", `${file} holds ${json.length} labels but the dataset has ${expectedLength} pairs`, file);
  }
  return json as Label[];
}
