/**
 * The 29 ternary comparison features of a pair, as the paper defines them (paper-method §7).
 * Pure functions only; every loader that has per-response annotations goes through
 * `comparisonFeatures`, so the rules live in exactly one place.
 *
 * Each feature compares response A with response B: +1 when A has more of the property, −1 when
 * B has, 0 otherwise. Swapping A and B negates every feature (tested property-based).
 */
import { ERROR_PROPERTY_INDICES, PROPERTIES, PROPERTY_COUNT } from "../catalog/properties.js";
import {
  BASIC_ANNOTATION_KEYS,
  MISTAKE_SCORES,
  SEVERITIES,
  STANCE_SCORES,
  type ComparisonFeatures,
  type ErrorCheck,
  type PairRecord,
  type QueryInfo,
  type QuerySpecificScores,
  type ResponseAnnotation,
  type Severity,
} from "./types.js";

/** Sign of a difference as −1, 0 or +1 (never −0). */
export function ternary(difference: number): -1 | 0 | 1 {
  return difference > 0 ? 1 : difference < 0 ? -1 : 0;
}

/** Plain Likert comparison: the sign of score(A) − score(B). */
export function compareLikert(a: number, b: number): -1 | 0 | 1 {
  return ternary(a - b);
}

/**
 * *relevant* only distinguishes "nothing relevant" (0) from "something relevant" (> 0): +1 when
 * only B scored 0, −1 when only A did. Finer differences are ignored because the annotator's
 * relevance levels above 0 were judged too loose to order reliably.
 */
export function compareRelevance(a: number, b: number): -1 | 0 | 1 {
  if (a > 0 && b === 0) return 1;
  if (a === 0 && b > 0) return -1;
  return 0;
}

/** Number of errors of each severity in one response's error list. */
export function countErrors(check: ErrorCheck): Record<Severity, number> {
  const counts: Record<Severity, number> = { minor: 0, moderate: 0, severe: 0 };
  for (const item of check.items) counts[item.severity] += 1;
  return counts;
}

/**
 * Smallest length of the longer response at which a shorter response of `s` words (s ≤ 11) is
 * "shorter" (paper-method §7 table); index = s.
 */
export const SHORT_RESPONSE_THRESHOLDS: readonly number[] = [1, 3, 5, 7, 8, 10, 11, 13, 14, 16, 17, 19];

/** True when a response of `shorter` words counts as shorter than one of `longer` words (shorter ≤ longer). */
export function isMeaningfullyShorter(shorter: number, longer: number): boolean {
  if (shorter <= 11) {
    const threshold = SHORT_RESPONSE_THRESHOLDS[shorter];
    return threshold !== undefined && longer >= threshold;
  }
  const gap = longer - shorter;
  return (
    (shorter <= 0.7 * longer && gap >= 10) ||
    (shorter <= 0.8 * longer && gap >= 20) ||
    (shorter <= 0.9 * longer && gap >= 40)
  );
}

/** *lengthy*: +1 when A is the longer response under the word-count rule, −1 when B is, else 0. */
export function compareLength(wordsA: number, wordsB: number): -1 | 0 | 1 {
  if (wordsA === wordsB) return 0;
  const aIsLonger = wordsA > wordsB;
  const shorter = aIsLonger ? wordsB : wordsA;
  const longer = aIsLonger ? wordsA : wordsB;
  if (!isMeaningfullyShorter(shorter, longer)) return 0;
  return aIsLonger ? 1 : -1;
}

function mean(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Compares two optional numbers; 0 when either is missing (the case was not annotated). */
function compareOptional(a: number | undefined, b: number | undefined): -1 | 0 | 1 {
  return a === undefined || b === undefined ? 0 : ternary(a - b);
}

/**
 * One response's five query-specific scores (indices 23..27): undefined where the query does not
 * trigger the case or the response carries no annotation for it; per-item annotations
 * (constraints, stances, mistakes) are averaged.
 */
export function querySpecificValues(
  info: QueryInfo,
  scores: QuerySpecificScores,
): [number | undefined, number | undefined, number | undefined, number | undefined, number | undefined] {
  const stanceMean = scores.supportStances === undefined ? undefined : mean(scores.supportStances.map((label) => STANCE_SCORES[label]));
  const mistakeMean = scores.correctMistakes === undefined ? undefined : mean(scores.correctMistakes.map((label) => MISTAKE_SCORES[label]));
  const constraintMean = scores.satisfyConstraints === undefined ? undefined : mean(scores.satisfyConstraints);
  return [
    info.clearIntent ? undefined : scores.clarifyIntent,
    info.expressesFeelings ? scores.showEmpathetic : undefined,
    info.constraints.length > 0 ? constraintMean : undefined,
    info.stances.length > 0 ? stanceMean : undefined,
    info.mistakes.length > 0 ? mistakeMean : undefined,
  ];
}

/**
 * The five query-specific features (indices 23..27). A feature is non-zero only when the query
 * triggers its case (`queryInfo`) and both responses carry the annotation (`querySpecificValues`).
 */
export function querySpecificFeatures(
  info: QueryInfo,
  a: QuerySpecificScores,
  b: QuerySpecificScores,
): [number, number, number, number, number] {
  const valuesA = querySpecificValues(info, a);
  const valuesB = querySpecificValues(info, b);
  return valuesA.map((value, k) => compareOptional(value, valuesB[k])) as [number, number, number, number, number];
}

/** Index of the non-repetitive property, annotated as "repetitive". */
const NON_REPETITIVE_INDEX = PROPERTIES.findIndex((property) => property.annotationKey === "repetitive");
const RELEVANT_INDEX = PROPERTIES.findIndex(
  (property) => property.annotationKey === "relevance without considering inaccuracy",
);
const LENGTH_INDEX = PROPERTIES.findIndex((property) => property.kind === "length");
const FIRST_QUERY_SPECIFIC_INDEX = PROPERTIES.findIndex((property) => property.kind === "query-specific");

/**
 * The 29 features of annotated responses A and B (released order). `excluded` is true when either
 * error check is not applicable; the three error features are then 0.
 */
export function compareAnnotations(
  info: QueryInfo,
  annotationA: ResponseAnnotation,
  annotationB: ResponseAnnotation,
  wordsA: number,
  wordsB: number,
): ComparisonFeatures {
  const features = new Array<number>(PROPERTY_COUNT).fill(0);
  BASIC_ANNOTATION_KEYS.forEach((key, index) => {
    const a = annotationA.basic[key];
    const b = annotationB.basic[key];
    if (index === RELEVANT_INDEX) features[index] = compareRelevance(a, b);
    // Higher "repetitive" is worse, so the non-repetitive feature is the flipped comparison.
    else if (index === NON_REPETITIVE_INDEX) features[index] = compareLikert(b, a);
    else features[index] = compareLikert(a, b);
  });

  const excluded = !annotationA.errors.applicable || !annotationB.errors.applicable;
  if (!excluded) {
    const countsA = countErrors(annotationA.errors);
    const countsB = countErrors(annotationB.errors);
    // Fewer errors is better: "no X errors" is the sign of count(B) − count(A).
    for (const severity of SEVERITIES) {
      features[ERROR_PROPERTY_INDICES[severity]] = ternary(countsB[severity] - countsA[severity]);
    }
  }

  querySpecificFeatures(info, annotationA.querySpecific, annotationB.querySpecific).forEach((value, offset) => {
    features[FIRST_QUERY_SPECIFIC_INDEX + offset] = value;
  });
  features[LENGTH_INDEX] = compareLength(wordsA, wordsB);
  return { features, excluded };
}

/** The 29 comparison features of a pair (paper-method §7) and whether the fits leave it out. */
export function comparisonFeatures(pair: PairRecord): ComparisonFeatures {
  return compareAnnotations(
    pair.queryInfo,
    pair.annotationA,
    pair.annotationB,
    pair.responseA.words,
    pair.responseB.words,
  );
}

/** The same pair with responses A and B (and every label) swapped. */
export function swapResponses(pair: PairRecord): PairRecord {
  const labels: PairRecord["labels"] = {};
  for (const [judge, label] of Object.entries(pair.labels)) labels[judge] = label === "A" ? "B" : "A";
  return {
    ...pair,
    responseA: pair.responseB,
    responseB: pair.responseA,
    annotationA: pair.annotationB,
    annotationB: pair.annotationA,
    labels,
  };
}
