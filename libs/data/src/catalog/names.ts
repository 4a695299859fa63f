/**
 * Checks of group and judge names a user typed (a notebook parameter, a flag): an unknown name is
 * a `PrefDissectError` that lists the valid ones, so a typo is fixed from the message alone.
 */
import { PrefDissectError } from "@prefdissect/shared";
import { GROUP_IDS, isGroupId } from "./groups.js";
import { JUDGE_IDS, isJudgeId } from "./judges.js";

/** Throws unless every id is one of the 16 groups; `field` names the parameter in the message. */
export function checkGroupIds(ids: readonly string[], field = "group"): void {
  const unknown = ids.find((id) => !isGroupId(id));
  if (unknown !== undefined) {
    throw new PrefDissectError("unknown-group", `${field}: unknown group "${unknown}"; the groups are ${GROUP_IDS.map((id) => `"${id}"`).join(", ")}`, { field });
  }
}

/**
 * Throws unless every id is one of the 33 judges or one of `added` (judges added with `pd judge
 * add` that the weights at hand hold); `field` names the parameter in the message.
 */
export function checkJudgeIds(ids: readonly string[], field = "judges", added: readonly string[] = []): void {
  const unknown = ids.find((id) => !isJudgeId(id) && !added.includes(id));
  if (unknown !== undefined) {
    const known = [...JUDGE_IDS, ...added].map((id) => `"${id}"`).join(", ");
    throw new PrefDissectError("unknown-judge", `${field}: unknown judge "${unknown}"; the judges are ${known}`, { field });
  }
}

/** Letters, digits, `.`, `_` and `-`, starting with a letter or digit: safe in file names and URLs. */
const ADDED_JUDGE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Whether `id` can name an added judge: a short name safe in file names and URLs that is not one of the 33. */
export function isAddedJudgeId(id: string): boolean {
  return ADDED_JUDGE_ID_PATTERN.test(id) && !isJudgeId(id);
}
