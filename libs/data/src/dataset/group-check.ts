/**
 * Checks that a loaded dataset splits into the published groups. On the paper's data (5,240
 * pairs) every group must have exactly its published size (400 / 820 per scenario; 459 / 121 /
 * 1418 / 388 / 401 for the query-specific cases); with a group index file the membership itself
 * is compared.
 */
import { PrefDissectError } from "@prefdissect/shared";
import { DATASET_SIZE, GROUPS } from "../catalog/groups.js";

/** Pairs per group id. */
export function groupSizes(rows: readonly { readonly groups: readonly string[] }[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const row of rows) for (const group of row.groups) sizes.set(group, (sizes.get(group) ?? 0) + 1);
  return sizes;
}

/** True when a dataset has the published size and so must reproduce the published groups. */
export function isPublishedSize(rows: number): boolean {
  return rows === DATASET_SIZE;
}

/** Throws unless every one of the 16 groups has its published size. */
export function checkPublishedGroupSizes(rows: readonly { readonly groups: readonly string[] }[], file: string): void {
  const sizes = groupSizes(rows);
  const wrong = GROUPS.filter((group) => (sizes.get(group.id) ?? 0) !== group.size);
  if (wrong.length > 0) {
    const details = wrong.map((group) => `"${group.id}" has ${sizes.get(group.id) ?? 0} pairs, published ${group.size}`);
    throw new PrefDissectError("group-sizes", `${file}: the groups differ from the published group index: ${details.join("; ")}`, {
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
