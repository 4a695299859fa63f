/**
 * Whether a loaded dataset is the paper's, and if so, whether it splits into the published groups.
 *
 * The paper's dataset is recognised by content, not by its size: its human (Chatbot Arena) labels,
 * tallied per scenario, must equal the published human labels (`example_preference_labels.json`)
 * tallied over the published group index (`query_aware_idxs.json`) — 22 counts that another set
 * of 5,240 pairs matches only by construction. The tally ignores row order and file format, and
 * it leaves the query-specific cases out, since those are derived from the annotations and are
 * what the group check then tests. A recognised dataset must reproduce every published group size
 * (400 / 820 per scenario; 459 / 121 / 1418 / 388 / 401 for the query-specific cases); with a
 * group index file the membership itself is compared.
 */
import { PrefDissectError } from "@prefdissect/shared";
import { DATASET_SIZE, GROUPS, SCENARIO_IDS } from "../catalog/groups.js";
import type { PreferenceLabel } from "./types.js";

/** Pairs per group id. */
export function groupSizes(rows: readonly { readonly groups: readonly string[] }[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const row of rows) for (const group of row.groups) sizes.set(group, (sizes.get(group) ?? 0) + 1);
  return sizes;
}

/** True when a dataset has the published size, so that it may be the paper's (its content decides). */
export function isPublishedSize(rows: number): boolean {
  return rows === DATASET_SIZE;
}

/** Human labels per scenario: how many pairs the human judged A, and how many B. */
export type HumanLabelTally = ReadonlyMap<string, { readonly A: number; readonly B: number }>;

function tally(entries: Iterable<readonly [scenario: string, label: PreferenceLabel]>): Map<string, { A: number; B: number }> {
  const counts = new Map(SCENARIO_IDS.map((scenario) => [scenario, { A: 0, B: 0 }]));
  for (const [scenario, label] of entries) {
    const count = counts.get(scenario);
    if (count !== undefined) count[label]++;
  }
  return counts;
}

/** The published human labels tallied over the published scenario membership. */
export function publishedHumanTally(index: ReadonlyMap<string, readonly number[]>, humanLabels: readonly PreferenceLabel[]): HumanLabelTally {
  return tally(
    SCENARIO_IDS.flatMap((scenario) => (index.get(scenario) ?? []).flatMap((row) => (humanLabels[row] === undefined ? [] : [[scenario, humanLabels[row]!] as const]))),
  );
}

export type PublishedVerdict = { readonly published: true } | { readonly published: false; readonly reason: string };

/** Decides by content whether a dataset is the paper's (see the top of this file). */
export function recognisePublishedDataset(
  dataset: { readonly rows: readonly { readonly groups: readonly string[] }[]; readonly labels: ReadonlyMap<string, readonly PreferenceLabel[]> },
  published: HumanLabelTally,
): PublishedVerdict {
  if (!isPublishedSize(dataset.rows.length)) return { published: false, reason: `it has ${dataset.rows.length} pairs, not ${DATASET_SIZE}` };
  const human = dataset.labels.get("human");
  if (human === undefined) return { published: false, reason: "it has no human labels" };
  const ours = tally(
    dataset.rows.flatMap((row, i) => {
      const scenario = row.groups.find((group) => SCENARIO_IDS.includes(group));
      return scenario === undefined ? [] : [[scenario, human[i]!] as const];
    }),
  );
  for (const scenario of SCENARIO_IDS) {
    const here = ours.get(scenario)!;
    const there = published.get(scenario) ?? { A: 0, B: 0 };
    if (here.A !== there.A || here.B !== there.B) {
      return {
        published: false,
        reason: `its human labels in "${scenario}" are ${here.A} A / ${here.B} B, the published ones ${there.A} A / ${there.B} B`,
      };
    }
  }
  return { published: true };
}

/** Throws unless every one of the 16 groups has its published size (for the paper's dataset). */
export function checkPublishedGroupSizes(rows: readonly { readonly groups: readonly string[] }[], file: string): void {
  const sizes = groupSizes(rows);
  const wrong = GROUPS.filter((group) => (sizes.get(group.id) ?? 0) !== group.size);
  if (wrong.length > 0) {
    const details = wrong.map((group) => `"${group.id}" has ${sizes.get(group.id) ?? 0} pairs, published ${group.size}`);
    throw new PrefDissectError("group-sizes", `${file} holds the paper's pairs, but its groups differ from the published group index: ${details.join("; ")}`, {
      file,
      field: wrong[0]!.id,
    });
  }
}

/** Throws unless each group of `index` (group id → row indices) has exactly the same members. */
export function checkGroupIndex(
  rows: readonly { readonly groups: readonly string[] }[],
  index: ReadonlyMap<string, readonly number[]>,
  file: string,
  indexFile: string,
): void {
  for (const [group, members] of index) {
    if (group === "all") {
      if (members.length !== rows.length) {
        throw new PrefDissectError("group-index", `${file} has ${rows.length} pairs but ${indexFile} lists ${members.length}`, { file: indexFile, field: "all" });
      }
      continue;
    }
    const expected = new Set(members);
    rows.forEach((row, i) => {
      if (row.groups.includes(group) !== expected.has(i)) {
        throw new PrefDissectError(
          "group-index",
          `${file}: row ${i} is ${expected.has(i) ? "not " : ""}in group "${group}" but ${indexFile} ${expected.has(i) ? "lists" : "does not list"} it`,
          { file, row: i, field: group },
        );
      }
    });
  }
}
