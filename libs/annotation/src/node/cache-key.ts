/**
 * Cache keys: a SHA-256 of everything that determines an answer — model, prompt id and version,
 * the inputs the prompt was filled with, and the request parameters. Objects are serialised with
 * sorted keys so the key does not depend on property order. The API key and the server URL are
 * deliberately not part of it: the same model behind another endpoint gives the same answers.
 */
import { createHash } from "node:crypto";
import type { AnyCallSpec } from "../plan/calls.js";

/** JSON with object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The cache key of `spec` sent to `model`. */
export function cacheKey(model: string, spec: Pick<AnyCallSpec, "promptId" | "promptVersion" | "inputs" | "params">): string {
  const identity = {
    model,
    promptId: spec.promptId,
    promptVersion: spec.promptVersion,
    inputs: spec.inputs,
    params: spec.params,
  };
  return createHash("sha256").update(canonicalJson(identity)).digest("hex");
}
