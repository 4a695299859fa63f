/**
 * What was annotated about each response of a pair, property by property, beside the comparison
 * feature it becomes: the numbers a reader needs to see why a feature is +1, 0 or −1.
 */
import { ERROR_PROPERTY_INDICES, PROPERTIES, type Property } from "../catalog/properties.js";
import { comparisonFeatures, countErrors, querySpecificValues } from "./features.js";
import { BASIC_ANNOTATION_KEYS, SEVERITIES, type PairRecord, type ResponseAnnotation, type ResponseText, type QueryInfo } from "./types.js";

export interface PropertyAnnotation {
  readonly property: Property;
  /**
   * The annotated value for response A and B; undefined when there is none (an error check that
   * was not applicable, a query-specific case the query does not trigger). Per kind: basic
   * properties the 0–3 rating (for *non-repetitive* the "repetitive" rating, so higher is worse);
   * error properties the number of errors of that severity; query-specific properties the score
   * (averaged over the query's constraints, stances or mistakes); *lengthy* the word count.
   */
  readonly a: number | undefined;
  readonly b: number | undefined;
  /** The comparison feature (+1: A has more of the property, −1: B has, 0: neither). */
  readonly feature: number;
}

const FIRST_QUERY_SPECIFIC_INDEX = PROPERTIES.findIndex((property) => property.kind === "query-specific");

function responseValues(info: QueryInfo, annotation: ResponseAnnotation, response: ResponseText): (number | undefined)[] {
  const values: (number | undefined)[] = BASIC_ANNOTATION_KEYS.map((key) => annotation.basic[key]);
  const counts = annotation.errors.applicable ? countErrors(annotation.errors) : undefined;
  for (const severity of SEVERITIES) values[ERROR_PROPERTY_INDICES[severity]] = counts?.[severity];
  querySpecificValues(info, annotation.querySpecific).forEach((value, offset) => (values[FIRST_QUERY_SPECIFIC_INDEX + offset] = value));
  values.push(response.words);
  return values;
}

/** The 29 properties of a pair with both responses' annotated values and the feature, in released order. */
export function propertyAnnotations(pair: PairRecord): PropertyAnnotation[] {
  const valuesA = responseValues(pair.queryInfo, pair.annotationA, pair.responseA);
  const valuesB = responseValues(pair.queryInfo, pair.annotationB, pair.responseB);
  const { features } = comparisonFeatures(pair);
  return PROPERTIES.map((property) => ({ property, a: valuesA[property.index], b: valuesB[property.index], feature: features[property.index]! }));
}
