/**
 * The exact additive explanation of a judge's predicted preference on one pair. The model is a
 * logistic regression without intercept, so the log-odds that response A wins is Σ_p w_p·x_p:
 * each property's term w_p·x_p is its exact share of the logit, with nothing left to apportion.
 */
import { sigmoid } from "@prefdissect/shared";
import { PROPERTIES, PROPERTY_COUNT, type Property } from "@prefdissect/data";

export interface PropertyTerm {
  readonly property: Property;
  /** Comparison feature: +1 when A has more of the property, −1 when B has, 0 otherwise. */
  readonly feature: number;
  readonly weight: number;
  /** weight · feature: this property's share of the logit. */
  readonly contribution: number;
}

export interface PairExplanation {
  /** One term per property, in released property order. */
  readonly terms: PropertyTerm[];
  /** Σ contributions: the log-odds that response A wins. */
  readonly logit: number;
  /** σ(logit): the predicted probability that response A wins. */
  readonly probabilityA: number;
}

/** Splits the predicted preference of a judge with `weights` on a pair with `features` into its terms. */
export function explainPair(weights: readonly number[], features: readonly number[]): PairExplanation {
  if (weights.length !== PROPERTY_COUNT || features.length !== PROPERTY_COUNT) {
    throw new RangeError(`need ${PROPERTY_COUNT} weights and ${PROPERTY_COUNT} features, got ${weights.length} and ${features.length}`);
  }
  const terms = PROPERTIES.map((property) => {
    const weight = weights[property.index]!;
    const feature = features[property.index]!;
    // No −0 for an absent feature: the term is plainly zero.
    return { property, feature, weight, contribution: feature === 0 ? 0 : weight * feature };
  });
  const logit = terms.reduce((sum, term) => sum + term.contribution, 0);
  return { terms, logit, probabilityA: sigmoid(logit) };
}
