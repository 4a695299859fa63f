/**
 * The analysis steps the paper's figures share, as arquero tables, so a notebook can show each
 * one: the weights (`weightsTable` in @prefdissect/data), P(p) derived from them, a mean over the
 * 11 scenarios, and per-scenario judge similarities. The figures' row builders start from these
 * tables, so what a notebook shows is exactly what its figure plots.
 *
 * Means are a sum divided by a count (not arquero's running mean), in scenario order: the same
 * arithmetic as @prefdissect/similarity, so figures and claims agree to the last bit.
 */
import { escape, op, table, type ColumnTable } from "arquero";
import { SCENARIO_IDS, type WeightSet } from "@prefdissect/data";
import { degreeOfPreference, groupSimilarity } from "@prefdissect/similarity";

const SCENARIOS = new Set(SCENARIO_IDS);

/** A row of a P(p) table: `withPreference(weightsTable(ws))`. */
export interface PreferenceRow {
  readonly group: string;
  readonly judge: string;
  readonly property: string;
  readonly propertyIndex: number;
  readonly weight: number;
  readonly preference: number;
}

/** A row of a table of judge-pair similarities averaged over the scenarios (see `scenarioSimilarities`). */
export interface PairSimilarityRow {
  readonly judgeA: string;
  readonly judgeB: string;
  readonly similarity: number;
  readonly scenarios: number;
}

/**
 * Adds `preference`, the degree of preference P(p) = 100·σ(w) in percent, to a table with a
 * `weight` column.
 */
export function withPreference(weights: ColumnTable): ColumnTable {
  return weights.derive({ preference: escape((row: { weight: number }) => degreeOfPreference(row.weight)) });
}

/**
 * The mean of `value` over the 11 scenarios for each combination of `keys`
 * (`groupby(keys).rollup(...)`), with `scenarios`, the number of scenarios averaged. Rows of
 * query-specific groups are left out.
 * @example scenarioMeans(withPreference(weightsTable(ws)), ["judge", "property"], "preference")
 */
export function scenarioMeans(rows: ColumnTable, keys: readonly string[], value: string): ColumnTable {
  return rows
    .filter(escape((row: { group: string }) => SCENARIOS.has(row.group)))
    .groupby(...keys)
    .rollup({ total: op.sum(value), scenarios: op.count() })
    .derive({ [value]: (row: { total: number; scenarios: number }) => row.total / row.scenarios })
    .select(...keys, value, "scenarios");
}

/**
 * The similarity (Pearson correlation of the 29 weights) of every pair of `judges` in every
 * scenario: columns `judgeA`, `judgeB` (A before B in `judges` order), `group`, `similarity`.
 * Every judge needs weights in all 11 scenarios.
 */
export function scenarioSimilarities(weights: WeightSet, judges: readonly string[]): ColumnTable {
  const judgeA: string[] = [];
  const judgeB: string[] = [];
  const group: string[] = [];
  const similarity: number[] = [];
  judges.forEach((a, i) => {
    for (const b of judges.slice(i + 1)) {
      for (const scenario of SCENARIO_IDS) {
        judgeA.push(a);
        judgeB.push(b);
        group.push(scenario);
        similarity.push(groupSimilarity(weights, a, b, scenario));
      }
    }
  });
  return table({ judgeA, judgeB, group, similarity });
}

/** Every pair's similarity averaged over the 11 scenarios: `scenarioMeans` of `scenarioSimilarities`. */
export function meanPairSimilarities(weights: WeightSet, judges: readonly string[]): ColumnTable {
  return scenarioMeans(scenarioSimilarities(weights, judges), ["judgeA", "judgeB"], "similarity");
}

/** The rows of a table this module built, as plain objects of their row type (arquero's `objects()` is untyped). */
export function tableRows<Row extends object>(rows: ColumnTable): Row[] {
  return rows.objects() as Row[];
}

/** The judges of a pair-similarity table in order of first appearance (the order they were paired in). */
export function pairedJudges(pairs: readonly PairSimilarityRow[]): string[] {
  return [...new Set(pairs.flatMap((pair) => [pair.judgeA, pair.judgeB]))];
}

/** Throws unless every row averages all 11 scenarios (a judge without weights in one would shift the mean). */
export function requireAllScenarios(rows: readonly { scenarios: number }[], what: string): void {
  const short = rows.find((row) => row.scenarios !== SCENARIO_IDS.length);
  if (short !== undefined)
    throw new RangeError(`${what}: a mean over ${short.scenarios} of the ${SCENARIO_IDS.length} scenarios; every judge needs weights in all of them`);
}
