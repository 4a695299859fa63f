/**
 * Resolution: the validated answers of a pair's calls → one `PairRecord` (the project's data
 * format) → its comparison features. The features come from `comparisonFeatures` in
 * @prefdissect/data, the same function the refit uses, so annotated and released data are
 * compared by one set of rules.
 */
import {
  PROPERTIES,
  PairRecordSchema,
  comparisonFeatures,
  groupsOf,
  type BasicScores,
  type FeatureRow,
  type PairRecord,
  type QueryInfo,
} from "@prefdissect/data";
import { promptProperties } from "../prompts/catalog.js";
import type { PairErrorChecks, PairQuerySpecific, PairRatings } from "../parse/output-schemas.js";
import type { AnnotationInput } from "../input/pairs.js";

/** Every validated answer needed to resolve one pair. */
export interface PairAnswers {
  readonly queryInfo: QueryInfo;
  readonly queryFree: PairRatings;
  readonly queryAware: PairRatings;
  readonly errors: PairErrorChecks;
  /** Absent when the query triggers no query-specific case (no call was made). */
  readonly querySpecific?: PairQuerySpecific;
}

function basicScores(queryFree: Record<string, number>, queryAware: Record<string, number>): BasicScores {
  const scores: Record<string, number> = {};
  for (const [promptId, ratings] of [
    ["basic-query-free", queryFree],
    ["basic-query-aware", queryAware],
  ] as const) {
    for (const item of promptProperties(promptId)) {
      const property = PROPERTIES[item.property];
      const value = ratings[item.key];
      if (property === undefined || value === undefined) throw new Error(`no rating for "${item.key}"`);
      scores[property.annotationKey] = value;
    }
  }
  return scores as BasicScores;
}

/** Builds the pair's `PairRecord` (validated against the data format's schema). */
export function toPairRecord(input: AnnotationInput, answers: PairAnswers): PairRecord {
  const record: PairRecord = {
    id: input.id,
    query: input.query,
    scenario: input.scenario,
    ...(input.scenarioAutoJ !== undefined ? { scenarioAutoJ: input.scenarioAutoJ } : {}),
    responseA: input.responseA,
    responseB: input.responseB,
    queryInfo: answers.queryInfo,
    annotationA: {
      basic: basicScores(answers.queryFree.a, answers.queryAware.a),
      errors: answers.errors.a,
      querySpecific: answers.querySpecific?.a ?? {},
    },
    annotationB: {
      basic: basicScores(answers.queryFree.b, answers.queryAware.b),
      errors: answers.errors.b,
      querySpecific: answers.querySpecific?.b ?? {},
    },
    labels: input.labels,
  };
  return PairRecordSchema.parse(record) as PairRecord;
}

/** The comparison features of a resolved pair, as a row of the features file `pd features` also writes. */
export function toFeatureLine(record: PairRecord, index: number): FeatureRow {
  const { features, excluded } = comparisonFeatures(record);
  return { index, groups: groupsOf(record), features, excluded };
}
