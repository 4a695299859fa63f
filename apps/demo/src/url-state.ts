/**
 * The demo's state lives in the query string, so a link reproduces what is on screen and the
 * browser's back and forward buttons walk through it. The parameter names are an interface
 * (documented in the README):
 *
 *   ?view=dissection&group=<group|mean>&judges=<judge>,<judge>,…&sort=property|preference
 *   ?view=similarity&group=<group|mean>&order=size|cluster[&compare=<judge>,<judge>]
 *   ?view=judge&judge=<judge>
 *   ?view=pair&index=<i>&judge=<judge>[&group=<group>][&browse=<group|all>][&q=<text>]
 *   ?view=add
 *
 * Parsing never fails: a bad value is replaced by the default and reported as one sentence
 * naming the parameter, so the page keeps working and says what it ignored.
 */
import { GROUP_IDS } from "@prefdissect/data";
import { SCENARIO_MEAN } from "@prefdissect/similarity";

export const VIEWS = ["dissection", "similarity", "judge", "pair", "add"] as const;
export type ViewName = (typeof VIEWS)[number];

export interface DemoState {
  readonly view: ViewName;
  /** Dissection and similarity: a group id or `mean`. Pair: the group whose weights explain it ("" = the pair's scenario). */
  readonly group: string;
  readonly judges: readonly string[];
  readonly sort: "property" | "preference";
  readonly order: "size" | "cluster";
  /** Similarity: the two judges compared below the matrix, if any. */
  readonly compare: readonly [string, string] | null;
  readonly judge: string;
  readonly index: number;
  /** Pair browser: group filter ("all" or a group id) and query text search. */
  readonly browse: string;
  readonly q: string;
}

export const DEFAULT_STATE: DemoState = {
  view: "dissection",
  group: "Communication",
  judges: ["human", "gpt-4-1106-preview", "llama-2-70b-chat"],
  sort: "property",
  order: "size",
  compare: null,
  judge: "human",
  index: 0,
  browse: "all",
  q: "",
};

/** Per view: the group shown when none is given. */
const DEFAULT_GROUP: Partial<Record<ViewName, string>> = { similarity: SCENARIO_MEAN, pair: "" };

/** Which parameters each view reads (and writes back, in this order). */
const VIEW_PARAMETERS: Record<ViewName, readonly (keyof DemoState)[]> = {
  dissection: ["group", "judges", "sort"],
  similarity: ["group", "order", "compare"],
  judge: ["judge"],
  pair: ["index", "judge", "group", "browse", "q"],
  add: [],
};

const list = (items: readonly string[]) => items.map((item) => `"${item}"`).join(", ");

function choice<T extends string>(name: string, value: string | null, allowed: readonly T[], fallback: T, problems: string[]): T {
  if (value === null) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const noun = name === "browse" ? "group" : name;
  const expected = allowed.length <= 6 ? `one of ${list(allowed)}` : `a known ${noun} id (the ${noun} menu lists them)`;
  problems.push(`URL parameter "${name}" is "${value}", which is not ${expected}; showing "${fallback}" instead.`);
  return fallback;
}

/**
 * Reads the state from a query string. `judges` are the ids known now (the paper's 33 and the
 * judges added in this browser); `problems` lists what was ignored.
 */
export function parseState(search: string, judges: readonly string[]): { state: DemoState; problems: string[] } {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const view = choice("view", params.get("view"), VIEWS, DEFAULT_STATE.view, problems);
  const read = new Set(VIEW_PARAMETERS[view]);
  const get = (name: keyof DemoState) => (read.has(name) ? params.get(name) : null);

  const groupFallback = DEFAULT_GROUP[view] ?? DEFAULT_STATE.group;
  const groups = view === "pair" ? GROUP_IDS : [...GROUP_IDS, SCENARIO_MEAN];
  const groupValue = get("group");
  const group = groupValue === "" && view === "pair" ? "" : choice("group", groupValue, groups, groupFallback, problems);

  const knownJudge = (name: string, value: string | null, fallback: string): string => {
    if (value === null) return fallback;
    if (judges.includes(value)) return value;
    problems.push(`URL parameter "${name}" names "${value}", which is not a judge here; showing "${fallback}" instead.`);
    return fallback;
  };

  let selected: string[] = [...DEFAULT_STATE.judges];
  const judgesValue = get("judges");
  if (judgesValue !== null) {
    const ids = judgesValue
      .split(",")
      .map((id) => id.trim())
      .filter((id) => id !== "");
    const unknown = ids.filter((id) => !judges.includes(id));
    if (unknown.length > 0)
      problems.push(
        `URL parameter "judges" names ${list(unknown)}, which ${unknown.length === 1 ? "is not a judge" : "are not judges"} here; ${unknown.length === 1 ? "it is" : "they are"} left out.`,
      );
    const known = [...new Set(ids.filter((id) => judges.includes(id)))];
    if (known.length > 0) selected = known;
    else problems.push(`URL parameter "judges" names no known judge; showing ${list(DEFAULT_STATE.judges)} instead.`);
  }

  let compare: DemoState["compare"] = null;
  const compareValue = get("compare");
  if (compareValue !== null) {
    const ids = compareValue.split(",");
    if (ids.length === 2 && ids.every((id) => judges.includes(id))) compare = [ids[0]!, ids[1]!];
    else problems.push(`URL parameter "compare" is "${compareValue}"; expected two known judge ids separated by a comma, so no comparison is shown.`);
  }

  let index = DEFAULT_STATE.index;
  const indexValue = get("index");
  if (indexValue !== null) {
    if (/^\d+$/.test(indexValue)) index = Number(indexValue);
    else problems.push(`URL parameter "index" is "${indexValue}"; expected a pair number (0, 1, 2, …), so pair 0 is shown.`);
  }

  const state: DemoState = {
    view,
    group,
    judges: selected,
    sort: choice("sort", get("sort"), ["property", "preference"], DEFAULT_STATE.sort, problems),
    order: choice("order", get("order"), ["size", "cluster"], DEFAULT_STATE.order, problems),
    compare,
    judge: knownJudge("judge", get("judge"), DEFAULT_STATE.judge),
    index,
    browse: choice("browse", get("browse"), ["all", ...GROUP_IDS], DEFAULT_STATE.browse, problems),
    q: get("q") ?? "",
  };
  return { state, problems };
}

/** The query string of a state: the view and the parameters it reads. */
export function formatState(state: DemoState): string {
  const params = new URLSearchParams({ view: state.view });
  for (const name of VIEW_PARAMETERS[state.view]) {
    const value = state[name];
    if (name === "compare") {
      if (state.compare !== null) params.set(name, state.compare.join(","));
    } else if (name === "judges") params.set(name, state.judges.join(","));
    else if ((name === "q" || name === "group") && value === "") continue;
    else if (name === "browse" && value === "all") continue;
    else params.set(name, String(value));
  }
  return `?${params.toString().replace(/%2C/g, ",")}`;
}

/** The state with `patch` applied; switching view resets the group to that view's default unless given. */
export function withChanges(state: DemoState, patch: Partial<DemoState>): DemoState {
  const next = { ...state, ...patch };
  if (patch.view !== undefined && patch.view !== state.view && patch.group === undefined) {
    return { ...next, group: DEFAULT_GROUP[patch.view] ?? DEFAULT_STATE.group };
  }
  return next;
}
