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

/** Throws unless every id is one of the 33 judges; `field` names the parameter in the message. */
export function checkJudgeIds(ids: readonly string[], field = "judges"): void {
  const unknown = ids.find((id) => !isJudgeId(id));
  if (unknown !== undefined) {
    throw new PrefDissectError("unknown-judge", `${field}: unknown judge "${unknown}"; the judges are ${JUDGE_IDS.map((id) => `"${id}"`).join(", ")}`, { field });
  }
}
