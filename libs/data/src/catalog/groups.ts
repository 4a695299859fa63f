/**
 * The 16 groups the paper fits separately: 11 scenarios and 5 query-specific cases. `id` is the
 * spelling used in the upstream file names (`model_<id>_fitted_paras.jsonl`) and in the group index
 * file (`query_aware_idxs.json`).
 */
export interface Group {
  readonly id: string;
  readonly displayName: string;
  readonly kind: "scenario" | "query-specific";
  /** For a query-specific case: the property it switches on. */
  readonly propertyIndex?: number;
  /** Rows of the published dataset in this group (from the group index file). */
  readonly size: number;
}

export const SCENARIOS: readonly Group[] = [
  { id: "Advice", displayName: "Advice", kind: "scenario", size: 400 },
  { id: "Code", displayName: "Code", kind: "scenario", size: 400 },
  { id: "Communication", displayName: "Communication", kind: "scenario", size: 400 },
  { id: "Creative Writing", displayName: "Creative Writing", kind: "scenario", size: 400 },
  { id: "Daily Tasks", displayName: "Daily Tasks", kind: "scenario", size: 400 },
  { id: "Exam Questions", displayName: "Exam Questions", kind: "scenario", size: 400 },
  { id: "Functional Writing", displayName: "Functional Writing", kind: "scenario", size: 400 },
  { id: "Knowledge-aware", displayName: "Knowledge-aware", kind: "scenario", size: 820 },
  { id: "NLP Tasks", displayName: "NLP Tasks", kind: "scenario", size: 400 },
  { id: "Others", displayName: "Others", kind: "scenario", size: 820 },
  { id: "Unsafe Queries", displayName: "Unsafe Queries", kind: "scenario", size: 400 },
];

export const QUERY_SPECIFIC_CASES: readonly Group[] = [
  { id: "intent_unclear", displayName: "Unclear Intent", kind: "query-specific", propertyIndex: 23, size: 459 },
  { id: "express_feeling", displayName: "Express Feelings", kind: "query-specific", propertyIndex: 24, size: 121 },
  { id: "w_constraints", displayName: "Explicit Constraints", kind: "query-specific", propertyIndex: 25, size: 1418 },
  { id: "w_stances", displayName: "Explicit Subjective Stances", kind: "query-specific", propertyIndex: 26, size: 388 },
  { id: "w_mistakes", displayName: "Mistakes or Biases", kind: "query-specific", propertyIndex: 27, size: 401 },
];

export const GROUPS: readonly Group[] = [...SCENARIOS, ...QUERY_SPECIFIC_CASES];

export const SCENARIO_IDS: readonly string[] = SCENARIOS.map((group) => group.id);
export const GROUP_IDS: readonly string[] = GROUPS.map((group) => group.id);

/** Total rows of the published dataset. */
export const DATASET_SIZE = 5240;

const byId = new Map(GROUPS.map((group) => [group.id, group]));

export function isGroupId(id: string): boolean {
  return byId.has(id);
}

/** Looks a group up by id; throws on an unknown id. */
export function groupById(id: string): Group {
  const group = byId.get(id);
  if (group === undefined) throw new RangeError(`unknown group "${id}" (known: ${GROUP_IDS.join(", ")})`);
  return group;
}
