/**
 * What each property asks of a response, in words a system message can use. The 20 rated basic
 * properties take the definitions the annotator rates them by (one wording, shared with
 * @prefdissect/annotation); the rating scale some of them carry is cut off. The others are not
 * rated by a definition of that kind (errors are counted, length is a word-count rule,
 * non-repetitive is rated as its opposite), so their wording is kept here.
 */
import { promptProperties } from "@prefdissect/annotation";
import { PROPERTIES, type Property } from "@prefdissect/data";

/** Definitions of the properties that the annotator does not rate by a definition of their own. */
const OWN_WORDING: Readonly<Record<string, string>> = {
  "non-repetitive": "Says each thing once: no repeated sentences, points or phrases that add nothing new.",
  "no minor errors": "Free of small slips (a wrong detail, a minor miscalculation) that leave the answer as a whole correct.",
  "no moderate errors": "Free of errors that weaken the answer's overall correctness, such as a wrong step or a wrong fact the answer relies on.",
  "no severe errors": "Free of errors that make the answer wrong as a whole: a false central claim, a wrong final result, code that cannot work.",
  "clarify intent":
    "When the request is ambiguous, offers what is useful under the likely readings, makes reasonable guesses explicit and asks what was meant.",
  "show empathetic": "When the user shares feelings, acknowledges them and responds with compassion and support.",
  "satisfy constraints": "Meets every explicit requirement of the request: words to use or avoid, length, style, format, number and kind of items.",
  "support stances": "Agrees with and backs the opinion or belief the user states.",
  "correct mistakes": "Points out and corrects mistaken assumptions or biases in the request, or offers a fairer view.",
  lengthy: "Is long: covers the request at length rather than briefly.",
};

/** A rating scale appended to a definition (": 3 = …" or ": 0 = …"), which a system message does not need. */
const SCALE = /:\s*\d\s*=.*$/s;

const RATED = new Map(
  [...promptProperties("basic-query-free"), ...promptProperties("basic-query-aware")].map((item) => [item.property, item.definition.replace(SCALE, ".")]),
);

/** What `property` asks of a response, as one sentence. */
export function propertyDefinition(property: Property): string {
  const own = OWN_WORDING[property.name];
  if (own !== undefined) return own;
  const rated = RATED.get(property.index);
  if (rated === undefined) throw new RangeError(`no definition for property "${property.name}"`);
  return rated;
}

/** Every property's definition, in released order (checked complete when the module loads). */
export const PROPERTY_DEFINITIONS: readonly string[] = PROPERTIES.map(propertyDefinition);
