/** Builders and fast-check arbitraries for PairRecord values used across the dataset tests. */
import fc from "fast-check";
import {
  BASIC_ANNOTATION_KEYS,
  GROUP_IDS,
  JUDGE_IDS,
  MISTAKE_LABELS,
  STANCE_LABELS,
  type BasicScores,
  type PairRecord,
  type ResponseAnnotation,
} from "../src/index.js";

export function basicScores(value = 1, overrides: Partial<BasicScores> = {}): BasicScores {
  return { ...(Object.fromEntries(BASIC_ANNOTATION_KEYS.map((key) => [key, value])) as BasicScores), ...overrides };
}

export function annotation(overrides: Partial<ResponseAnnotation> = {}): ResponseAnnotation {
  return { basic: basicScores(), errors: { applicable: true, items: [] }, querySpecific: {}, ...overrides };
}

/** A neutral pair: identical annotations, equal lengths, clear intent and no query-specific case. */
export function pair(overrides: Partial<PairRecord> = {}): PairRecord {
  return {
    id: "p0",
    query: "How do I book a flight?",
    scenario: "Daily Tasks",
    responseA: { content: "a", words: 50 },
    responseB: { content: "b", words: 50 },
    queryInfo: { clearIntent: true, expressesFeelings: false, constraints: [], stances: [], mistakes: [] },
    annotationA: annotation(),
    annotationB: annotation(),
    labels: { human: "A" },
    ...overrides,
  };
}

const likert = fc.integer({ min: 0, max: 3 });
const severity = fc.constantFrom("minor" as const, "moderate" as const, "severe" as const);

const annotationArb: fc.Arbitrary<ResponseAnnotation> = fc.record({
  basic: fc.tuple(...BASIC_ANNOTATION_KEYS.map(() => likert)).map(
    (values) => Object.fromEntries(BASIC_ANNOTATION_KEYS.map((key, i) => [key, values[i]!])) as BasicScores,
  ),
  errors: fc.record({
    applicable: fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.constant(false), weight: 1 }),
    items: fc.array(fc.record({ description: fc.string(), type: fc.constant("Factual error"), severity }), { maxLength: 4 }),
  }),
  querySpecific: fc.record(
    {
      clarifyIntent: likert,
      showEmpathetic: likert,
      satisfyConstraints: fc.array(likert, { minLength: 1, maxLength: 3 }),
      supportStances: fc.array(fc.constantFrom(...STANCE_LABELS), { minLength: 1, maxLength: 3 }),
      correctMistakes: fc.array(fc.constantFrom(...MISTAKE_LABELS), { minLength: 1, maxLength: 3 }),
    },
    { requiredKeys: [] },
  ),
});

/** Arbitrary valid pairs, including non-applicable error checks and every query-specific case. */
export const pairArb: fc.Arbitrary<PairRecord> = fc.record({
  id: fc.constant("x"),
  query: fc.string(),
  scenario: fc.constantFrom("Advice", "Code", "Others"),
  responseA: fc.record({ content: fc.string(), words: fc.nat({ max: 400 }) }),
  responseB: fc.record({ content: fc.string(), words: fc.nat({ max: 400 }) }),
  queryInfo: fc.record({
    clearIntent: fc.boolean(),
    expressesFeelings: fc.boolean(),
    constraints: fc.array(fc.string(), { maxLength: 2 }),
    stances: fc.array(fc.string(), { maxLength: 2 }),
    mistakes: fc.array(fc.string(), { maxLength: 2 }),
  }),
  annotationA: annotationArb,
  annotationB: annotationArb,
  labels: fc.record({ human: fc.constantFrom("A" as const, "B" as const) }),
});

/** A small deterministic weight set covering every group and judge (not the released weights). */
export function testWeights(): Map<string, Map<string, number[]>> {
  return new Map(
    GROUP_IDS.map((group, g) => [
      group,
      new Map(JUDGE_IDS.map((judge, j) => [judge, Array.from({ length: 29 }, (_, k) => (((k * 7 + j * 3 + g) % 11) - 5) / 10)])),
    ]),
  );
}
