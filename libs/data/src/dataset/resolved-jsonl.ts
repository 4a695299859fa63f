/**
 * The authors' resolved comparisons (`chatbot_arena_no-tie_group_balanced_resolved.jsonl`): one
 * JSON object per pair, in dataset order, with `query_info` (the query-level annotation) and
 * `comparison` (property → {comparison, diff, norm_diff, meta}). The file already holds the
 * ternary features, so they are taken as they are and only re-keyed to the released order:
 * `repetitive` is negated into *non-repetitive*; `accuracy` carries {Severe, Moderate, Minor} or
 * 999 when the error check was not applicable (the pair is then excluded).
 *
 * The file names no scenario and no labels: scenarios come from the group index file
 * (`query_aware_idxs.json`) and labels from labels files (one JSON array per judge).
 */
import { PrefDissectError, parseJsonLines } from "@prefdissect/shared";
import { SCENARIO_IDS, QUERY_SPECIFIC_CASES } from "../catalog/groups.js";
import { ERROR_PROPERTY_INDICES, PROPERTIES, PROPERTY_COUNT } from "../catalog/properties.js";
import { createWarningLog, type FeatureDataset, type FeatureRow } from "./dataset.js";
import { querySpecificCasesOf } from "./groups.js";
import type { PreferenceLabel, QueryInfo } from "./types.js";

/** Marker the authors' code stores in `accuracy.comparison` when error checking was not applicable. */
export const NOT_APPLICABLE_MARKER = 999;

/** Feature index of every `comparison` key except `accuracy`, and whether its sign is flipped. */
const KEY_TO_FEATURE: ReadonlyMap<string, { index: number; negate: boolean }> = new Map([
  ...PROPERTIES.filter((property) => property.kind === "basic" || property.kind === "query-specific").map(
    (property) => [property.annotationKey, { index: property.index, negate: property.annotationKey === "repetitive" }] as const,
  ),
  ["length", { index: PROPERTY_COUNT - 1, negate: false }] as const,
]);
const SEVERITY_KEYS = { Minor: ERROR_PROPERTY_INDICES.minor, Moderate: ERROR_PROPERTY_INDICES.moderate, Severe: ERROR_PROPERTY_INDICES.severe };

export interface ResolvedJsonlOptions {
  /** The group index: group id (and "all") → 0-based row indices. Required for the scenarios. */
  readonly groupIndex: ReadonlyMap<string, readonly number[]>;
  /** Labels per judge in dataset order (e.g. the human labels file). */
  readonly labels?: ReadonlyMap<string, readonly PreferenceLabel[]>;
  /** Name of the group index file, for messages. */
  readonly groupIndexFile?: string;
}

function isTernary(value: unknown): value is -1 | 0 | 1 {
  return value === -1 || value === 0 || value === 1;
}

/** Parses the resolved-comparisons JSONL into feature rows with groups and labels. */
export function parseResolvedJsonl(text: string, file: string, options: ResolvedJsonlOptions): FeatureDataset {
  const indexFile = options.groupIndexFile ?? "the group index";
  const warnings = createWarningLog();
  const rawRows: { line: number; value: Record<string, unknown> }[] = [];
  for (const { line, value } of parseJsonLines(text, file)) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new PrefDissectError("malformed-line", `${file}:${line} is not a JSON object`, { file, line });
    }
    rawRows.push({ line, value: value as Record<string, unknown> });
  }

  const all = options.groupIndex.get("all");
  if (all !== undefined && all.length !== rawRows.length) {
    throw new PrefDissectError(
      "length-mismatch",
      `${file} holds ${rawRows.length} pairs but ${indexFile} lists ${all.length} under "all"`,
      { file },
    );
  }
  const scenarioOf = new Array<string | undefined>(rawRows.length);
  for (const scenario of SCENARIO_IDS) {
    for (const index of options.groupIndex.get(scenario) ?? []) {
      if (index >= rawRows.length) {
        throw new PrefDissectError("bad-index", `${indexFile}: group "${scenario}" lists row ${index}, but ${file} has ${rawRows.length} pairs`, {
          file: indexFile,
          field: scenario,
        });
      }
      if (scenarioOf[index] !== undefined) {
        throw new PrefDissectError("bad-index", `${indexFile}: row ${index} is in both "${scenarioOf[index]}" and "${scenario}"`, {
          file: indexFile,
          row: index,
          field: scenario,
        });
      }
      scenarioOf[index] = scenario;
    }
  }
  const caseMembers = new Map(QUERY_SPECIFIC_CASES.map((group) => [group.id, new Set(options.groupIndex.get(group.id) ?? [])]));

  const rows: FeatureRow[] = rawRows.map(({ line, value }, index) => {
    // Annotated so that TypeScript narrows after a call (control flow needs an explicit never type).
    const fail: (field: string, got: unknown, expected: string) => never = (field, got, expected) => {
      throw new PrefDissectError("bad-value", `${file}:${line}: field "${field}" is ${JSON.stringify(got)}, expected ${expected}`, {
        file,
        line,
        field,
      });
    };
    const scenario = scenarioOf[index];
    if (scenario === undefined) {
      throw new PrefDissectError("bad-index", `${file}:${line}: row ${index} belongs to no scenario in ${indexFile}`, { file, line, row: index });
    }
    const info = readQueryInfo(value.query_info, fail);
    const cases = querySpecificCasesOf(info);
    for (const [id, members] of caseMembers) {
      if (options.groupIndex.has(id) && members.has(index) !== cases.includes(id)) {
        fail("query_info", value.query_info, `query information consistent with group "${id}" of ${indexFile}`);
      }
    }

    const comparison = value.comparison;
    if (typeof comparison !== "object" || comparison === null || Array.isArray(comparison)) fail("comparison", comparison, "an object");
    const features = new Array<number>(PROPERTY_COUNT).fill(0);
    const seen = new Set<string>();
    let excluded = false;
    for (const [key, entry] of Object.entries(comparison as Record<string, unknown>)) {
      const field = `comparison.${key}.comparison`;
      if (typeof entry !== "object" || entry === null) fail(`comparison.${key}`, entry, "an object with a \"comparison\" member");
      const ternary = (entry as Record<string, unknown>).comparison;
      if (key === "accuracy") {
        seen.add(key);
        if (ternary === NOT_APPLICABLE_MARKER) {
          excluded = true;
          continue;
        }
        if (typeof ternary !== "object" || ternary === null) fail(field, ternary, `{Severe, Moderate, Minor} or ${NOT_APPLICABLE_MARKER}`);
        for (const [severity, featureIndex] of Object.entries(SEVERITY_KEYS)) {
          const v = (ternary as Record<string, unknown>)[severity];
          if (!isTernary(v)) fail(`${field}.${severity}`, v, "-1, 0 or 1");
          features[featureIndex] = v;
        }
        continue;
      }
      const target = KEY_TO_FEATURE.get(key);
      if (target === undefined) fail(`comparison.${key}`, key, `one of the 29 properties' keys (${[...KEY_TO_FEATURE.keys(), "accuracy"].join("; ")})`);
      if (!isTernary(ternary)) fail(field, ternary, "-1, 0 or 1");
      seen.add(key);
      features[target.index] = target.negate ? (ternary === 0 ? 0 : -ternary) : ternary;
    }
    for (const key of [...KEY_TO_FEATURE.keys(), "accuracy"]) {
      if (!seen.has(key)) warnings.add(`${file}:${line}: "comparison.${key}" is missing; the feature is 0 as in the authors' code`);
    }
    return { index, groups: [scenario, ...cases], features, excluded };
  });

  const labels = new Map<string, PreferenceLabel[]>();
  for (const [judge, list] of options.labels ?? []) {
    if (list.length !== rows.length) {
      throw new PrefDissectError("length-mismatch", `the labels of "${judge}" hold ${list.length} entries but ${file} has ${rows.length} pairs`, {
        file,
        field: judge,
      });
    }
    labels.set(judge, [...list]);
  }
  return {
    rows,
    labels,
    source: { format: "resolved-jsonl", file, rows: rows.length, synthetic: false, schemaDifferences: [], warnings: warnings.list() },
  };
}

function readQueryInfo(value: unknown, fail: (field: string, got: unknown, expected: string) => never): QueryInfo {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail("query_info", value, "an object");
  const info = value as Record<string, unknown>;
  const yesNo = (key: string) => {
    const v = info[key];
    if (v !== "Yes" && v !== "No") fail(`query_info.${key}`, v, `"Yes" or "No"`);
    return v === "Yes";
  };
  const list = (key: string): string[] => {
    const v = info[key];
    // The annotator returned constraints etc. as lists; an object keyed by item is accepted too.
    if (Array.isArray(v)) return v.map(String);
    if (typeof v === "object" && v !== null) return Object.keys(v);
    return fail(`query_info.${key}`, v, "a list");
  };
  return {
    clearIntent: yesNo("clear intent"),
    expressesFeelings: yesNo("explicitly express feelings"),
    constraints: list("explicit constraints"),
    stances: list("explicit subjective stances"),
    mistakes: list("explicit mistakes or biases"),
  };
}
