/**
 * Which of the 16 fitted groups a pair belongs to: its scenario, plus every query-specific case
 * its query information triggers. Ids are the upstream file-name spellings (`GROUP_IDS`).
 */
import type { PairRecord, QueryInfo } from "./types.js";

/** Query-specific case ids a query's information triggers, in `QUERY_SPECIFIC_CASES` order. */
export function querySpecificCasesOf(info: QueryInfo): string[] {
  const cases: string[] = [];
  if (!info.clearIntent) cases.push("intent_unclear");
  if (info.expressesFeelings) cases.push("express_feeling");
  if (info.constraints.length > 0) cases.push("w_constraints");
  if (info.stances.length > 0) cases.push("w_stances");
  if (info.mistakes.length > 0) cases.push("w_mistakes");
  return cases;
}

/** The pair's scenario followed by the query-specific cases it falls in. */
export function groupsOf(pair: Pick<PairRecord, "scenario" | "queryInfo">): string[] {
  return [pair.scenario, ...querySpecificCasesOf(pair.queryInfo)];
}
