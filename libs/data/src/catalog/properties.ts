/**
 * The 29 properties in the order of the released weight vectors (index = position in
 * `parameters` of every `model_<group>_fitted_paras.jsonl` line).
 *
 * `annotationKey` is the key the annotation uses for the property: a member of
 * `basic_response_*` for the 20 Likert properties, a member of `query-specific_response_*` for the
 * five query-specific ones, the error severity for the three error properties, and `num_words` for
 * length. Note that `non-repetitive` is annotated as `repetitive` and flipped.
 */
export const PropertyKind = {
  basic: "basic",
  querySpecific: "query-specific",
  error: "error",
  length: "length",
} as const;
export type PropertyKind = (typeof PropertyKind)[keyof typeof PropertyKind];

export interface Property {
  readonly index: number;
  /** Short name used in the paper's figures and the authors' demo. */
  readonly name: string;
  /** Full name of the characteristic in the annotation prompts. */
  readonly fullName: string;
  readonly kind: PropertyKind;
  /** Where the annotation of this property lives (see module comment). */
  readonly annotationKey: string;
}

const p = (index: number, name: string, fullName: string, kind: PropertyKind, annotationKey = fullName): Property => ({
  index,
  name,
  fullName,
  kind,
  annotationKey,
});

export const PROPERTIES: readonly Property[] = [
  p(0, "harmless", "harmlessness", "basic"),
  p(1, "grammarly correct", "grammar, spelling, punctuation, and code-switching", "basic"),
  p(2, "friendly", "friendly", "basic"),
  p(3, "polite", "polite", "basic"),
  p(4, "interactive", "interactive", "basic"),
  p(5, "authoritative", "authoritative tone", "basic"),
  p(6, "funny", "funny and humorous", "basic"),
  p(7, "use rhetorical devices", "metaphors, personification, similes, hyperboles, irony, parallelism", "basic"),
  p(8, "complex word & sentence", "complex word usage and sentence structure", "basic"),
  p(9, "use supporting materials", "use of direct and explicit supporting materials", "basic"),
  p(10, "well formatted", "well formatted", "basic"),
  p(11, "admit limits", "admit limitations or mistakes", "basic"),
  p(12, "persuasive", "persuade user", "basic"),
  p(13, "step-by-step", "step by step solution", "basic"),
  p(14, "use informal expressions", "use of informal expressions", "basic"),
  p(15, "non-repetitive", "repetitive", "basic"),
  p(16, "clear", "clear and understandable", "basic"),
  p(17, "relevant", "relevance without considering inaccuracy", "basic"),
  p(18, "novel", "innovative and novel", "basic"),
  p(19, "contain rich info", "information richness without considering inaccuracy", "basic"),
  p(20, "no minor errors", "no minor errors", "error", "minor"),
  p(21, "no moderate errors", "no moderate errors", "error", "moderate"),
  p(22, "no severe errors", "no severe errors", "error", "severe"),
  p(23, "clarify intent", "clarify user intent", "query-specific"),
  p(24, "show empathetic", "showing empathetic", "query-specific"),
  p(25, "satisfy constraints", "satisfying explicit constraints", "query-specific"),
  p(26, "support stances", "supporting explicit subjective stances", "query-specific"),
  p(27, "correct mistakes", "correcting explicit mistakes or biases", "query-specific"),
  p(28, "lengthy", "length", "length", "num_words"),
];

export const PROPERTY_COUNT = 29;

/** Indices of the three error properties, minor → moderate → severe. */
export const ERROR_PROPERTY_INDICES = { minor: 20, moderate: 21, severe: 22 } as const;

const byName = new Map(PROPERTIES.map((property) => [property.name, property]));

/** Looks a property up by its short name; throws on an unknown name. */
export function propertyByName(name: string): Property {
  const property = byName.get(name);
  if (property === undefined) throw new RangeError(`unknown property "${name}"`);
  return property;
}
