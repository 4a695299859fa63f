/**
 * Every figure says where its numbers come from. A source is a short key (`released`, `refit`,
 * `synthetic`, or anything else the data layer learns to load) and its label is the sentence the
 * figure prints under its title, so a refit or synthetic figure can never pass for the paper's.
 */

/** Upstream commit the released weights are pinned to (see the data manifest). */
const RELEASED_COMMIT = "ebaeb8a";

const KNOWN_SOURCES: Readonly<Record<string, string>> = {
  released: `Source: the authors' released regression weights (GAIR-NLP/Preference-Dissection @ ${RELEASED_COMMIT})`,
  refit: "Source: weights refit in this repository (Bayesian logistic regression, NUTS)",
  synthetic: "Source: synthetic data generated for testing, not the paper's data",
};

/**
 * The subtitle line naming a weight source.
 * @param source `released`, `refit`, `synthetic`, or a free-form description (e.g. a directory).
 * @example describeSource("refit") // "Source: weights refit in this repository (…)"
 */
export function describeSource(source: string): string {
  const known = KNOWN_SOURCES[source];
  if (known !== undefined) return known;
  return `Source: weights from ${source}`;
}

/** The default label, used when a builder is not told the source. */
export const DEFAULT_SOURCE_LABEL = describeSource("released");
