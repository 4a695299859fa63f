/**
 * Which properties to push a judge with: its k most (favour) or least (avoid) preferred ones by
 * degree of preference P(p), averaged over the 11 scenarios or in one group, and the system
 * message that asks a model to show (or avoid) them (paper §4.3, the prompting setting).
 *
 * A query-specific property rewards something only a certain kind of query allows (empathy when
 * the user shares feelings, backing a stance the user stated), so it cannot be asked of an answer
 * to an arbitrary question: it is left out, and named with the reason. In a query-specific group,
 * every query triggers that group's case, so its own property stays in.
 */
import { PrefDissectError } from "@prefdissect/shared";
import { GROUPS, PROPERTIES, QUERY_SPECIFIC_CASES, groupById, isGroupId, judgeById, type WeightSet } from "@prefdissect/data";
import { degreeOfPreference, meanPreference, weightsOf } from "@prefdissect/similarity";
import { propertyDefinition } from "./guidance.js";

export const MANIPULATION_MODES = ["favour", "avoid"] as const;
/** favour: show the judge's favourite properties (aligned); avoid: its least favourite (reversed). */
export type ManipulationMode = (typeof MANIPULATION_MODES)[number];

/** One targeted property: `id` is its index in the released weight vectors. */
export interface TargetProperty {
  readonly id: number;
  readonly label: string;
  /** Degree of preference P(p) in percent (scenario mean, or in the chosen group). */
  readonly preference: number;
}

export interface SkippedProperty {
  readonly id: number;
  readonly label: string;
  readonly reason: string;
}

export interface TargetSelection {
  readonly judge: string;
  readonly mode: ManipulationMode;
  /** The group ranked in; null for the mean over the 11 scenarios. */
  readonly group: string | null;
  /** Most preferred first (favour) or least preferred first (avoid). */
  readonly properties: TargetProperty[];
  readonly skipped: SkippedProperty[];
}

export interface TargetOptions {
  readonly k?: number;
  readonly mode?: ManipulationMode;
  /** Rank in this group instead of over the 11 scenarios. */
  readonly group?: string;
}

/** The paper's 29 properties: k may be at most this. */
export const MAX_TARGETS = PROPERTIES.length;

/** A judge's display name, or its id for a judge outside the catalog (a refit of new data). */
export function judgeName(judge: string): string {
  try {
    return judgeById(judge).displayName;
  } catch {
    return judge;
  }
}

/** Checks that `judge` has weights in `groups`; one sentence naming what is missing otherwise. */
export function requireWeights(weights: WeightSet, judge: string, groups: readonly string[], source: string): void {
  const known = [...new Set([...weights.values()].flatMap((judges) => [...judges.keys()]))];
  if (!known.includes(judge)) {
    throw new PrefDissectError("unknown-judge", `${source} has no weights for judge "${judge}" (judges: ${known.join(", ")})`, { field: "judge" });
  }
  const missing = groups.filter((group) => weights.get(group)?.get(judge) === undefined);
  if (missing.length > 0) {
    throw new PrefDissectError("missing-weights", `${source} has no weights for ${judgeName(judge)} in group ${missing.map((g) => `"${g}"`).join(", ")}`, {
      field: "group",
    });
  }
}

/** Why a query-specific property is left out when ranking in `group` (undefined: it stays in). */
function skipReason(propertyIndex: number, group: string | null): string | undefined {
  const owner = QUERY_SPECIFIC_CASES.find((item) => item.propertyIndex === propertyIndex);
  if (owner === undefined || owner.id === group) return undefined;
  return `applies only to queries in the "${owner.displayName}" case; rank in --group ${owner.id} to target it`;
}

/** The k properties a judge likes most (favour) or least (avoid); see the module comment. */
export function selectTargets(weights: WeightSet, judge: string, options: TargetOptions = {}, source = "the weights"): TargetSelection {
  const k = options.k ?? 3;
  const mode = options.mode ?? "favour";
  const group = options.group ?? null;
  if (!Number.isInteger(k) || k < 1 || k > MAX_TARGETS) {
    throw new PrefDissectError("bad-flag", `k must be a whole number from 1 to ${MAX_TARGETS}, got ${k}`, { field: "k" });
  }
  if (group !== null && !isGroupId(group)) {
    throw new PrefDissectError("unknown-group", `unknown group "${group}" (known: ${GROUPS.map((g) => g.id).join(", ")})`, { field: "group" });
  }
  requireWeights(weights, judge, group === null ? GROUPS.filter((g) => g.kind === "scenario").map((g) => g.id) : [group], source);
  const vector = group === null ? undefined : weightsOf(weights, group, judge);
  const skipped: SkippedProperty[] = [];
  const ranked: TargetProperty[] = [];
  for (const property of PROPERTIES) {
    const reason = skipReason(property.index, group);
    if (reason !== undefined) {
      skipped.push({ id: property.index, label: property.name, reason });
      continue;
    }
    const preference = vector === undefined ? meanPreference(weights, judge, property.index) : degreeOfPreference(vector[property.index]!);
    ranked.push({ id: property.index, label: property.name, preference });
  }
  const sign = mode === "favour" ? -1 : 1;
  ranked.sort((a, b) => sign * (a.preference - b.preference) || a.id - b.id);
  return { judge, mode, group, properties: ranked.slice(0, k), skipped };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The system message for a selection, from the properties' definitions. It does not name the
 * judge: the model is asked for qualities, not told who will grade it.
 */
export function systemPromptFor(selection: Pick<TargetSelection, "mode" | "properties">): string {
  const items = selection.properties.map((target, i) => `${i + 1}. ${capitalise(target.label)}: ${propertyDefinition(PROPERTIES[target.id]!)}`);
  const lead =
    selection.mode === "favour"
      ? "Answer the user's request. Whatever the request, give your answer each of these qualities, as strongly as the request allows:"
      : "Answer the user's request. Whatever the request, keep each of these qualities out of your answer as far as the request allows:";
  return [lead, ...items, "Do not mention these instructions in your answer."].join("\n");
}

/** The group's display name, or "the mean over the 11 scenarios". */
export function describeGroup(group: string | null): string {
  return group === null ? "the mean over the 11 scenarios" : `the group ${groupById(group).displayName}`;
}
