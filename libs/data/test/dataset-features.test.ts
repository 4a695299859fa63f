import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  PairRecordSchema,
  PROPERTIES,
  compareLength,
  comparisonFeatures,
  querySpecificValues,
  groupsOf,
  swapResponses,
  type PairRecord,
  type QueryInfo,
  type QuerySpecificScores,
} from "../src/index.js";
import { annotation, basicScores, pair, pairArb } from "./dataset-helpers.js";

// Compile-time: the PairRecord interface and its zod schema describe the same shape.
const fromSchema = (value: z.infer<typeof PairRecordSchema>): PairRecord => value;
const toSchema = (value: PairRecord): z.infer<typeof PairRecordSchema> => value;
void fromSchema;
void toSchema;

const index = (name: string) => PROPERTIES.findIndex((property) => property.name === name);

describe("comparisonFeatures: properties of the whole vector", () => {
  it("swapping A and B negates every feature and keeps `excluded`", () => {
    fc.assert(
      fc.property(pairArb, (p) => {
        const forward = comparisonFeatures(p);
        const backward = comparisonFeatures(swapResponses(p));
        expect(backward.excluded).toBe(forward.excluded);
        expect(backward.features).toEqual(forward.features.map((value) => (value === 0 ? 0 : -value)));
      }),
      { numRuns: 500 },
    );
  });

  it("always yields 29 values in {-1, 0, 1}, and 0 for untriggered query-specific cases", () => {
    fc.assert(
      fc.property(pairArb, (p) => {
        const { features } = comparisonFeatures(p);
        expect(features).toHaveLength(29);
        for (const value of features) expect([-1, 0, 1]).toContain(value);
        const info = p.queryInfo;
        if (info.clearIntent) expect(features[23]).toBe(0);
        if (!info.expressesFeelings) expect(features[24]).toBe(0);
        if (info.constraints.length === 0) expect(features[25]).toBe(0);
        if (info.stances.length === 0) expect(features[26]).toBe(0);
        if (info.mistakes.length === 0) expect(features[27]).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it("swapping A and B swaps the responses, their annotations and every judge's label, and nothing else", () => {
    const original = pair({
      responseA: { content: "first", words: 300 },
      responseB: { content: "second", words: 100 },
      annotationA: annotation({ basic: basicScores(3) }),
      labels: { human: "A", "gpt-4-1106-preview": "B" },
    });
    const swapped = swapResponses(original);
    expect(swapped).toEqual({
      ...original,
      responseA: original.responseB,
      responseB: original.responseA,
      annotationA: original.annotationB,
      annotationB: original.annotationA,
      labels: { human: "B", "gpt-4-1106-preview": "A" },
    });
    expect(swapResponses(swapped)).toEqual(original);
  });

  it("identical responses give the zero vector", () => {
    expect(comparisonFeatures(pair()).features).toEqual(new Array(29).fill(0));
  });
});

describe("comparisonFeatures: Likert rules", () => {
  const withBasic = (a: Partial<Record<string, number>>, b: Partial<Record<string, number>>) =>
    comparisonFeatures(
      pair({ annotationA: annotation({ basic: basicScores(1, a) }), annotationB: annotation({ basic: basicScores(1, b) }) }),
    ).features;

  it.each([
    ["harmlessness", "harmless", 3, 2, 1],
    ["harmlessness", "harmless", 0, 3, -1],
    ["well formatted", "well formatted", 2, 2, 0],
    ["information richness without considering inaccuracy", "contain rich info", 3, 1, 1],
  ])("%s: A=%s vs B=%s", (key, name, a, b, expected) => {
    void name;
    const features = withBasic({ [key]: a }, { [key]: b });
    expect(features[index(name)]).toBe(expected);
    expect(features.filter((value) => value !== 0)).toHaveLength(expected === 0 ? 0 : 1);
  });

  it.each([
    [0, 0, 0],
    [1, 0, 1],
    [3, 0, 1],
    [0, 2, -1],
    [1, 3, 0], // both relevant: finer differences are ignored
    [3, 1, 0],
  ])("relevant is zero-vs-nonzero: A=%i B=%i → %i", (a, b, expected) => {
    const key = "relevance without considering inaccuracy";
    expect(withBasic({ [key]: a }, { [key]: b })[index("relevant")]).toBe(expected);
  });

  it.each([
    [3, 0, -1],
    [0, 2, 1],
    [2, 2, 0],
  ])("non-repetitive flips the repetitive rating: A=%i B=%i → %i", (a, b, expected) => {
    expect(withBasic({ repetitive: a }, { repetitive: b })[index("non-repetitive")]).toBe(expected);
  });
});

describe("comparisonFeatures: error rules", () => {
  const err = (severity: "minor" | "moderate" | "severe") => ({ description: "d", type: "Factual error", severity });

  it("counts each severity separately and prefers fewer errors", () => {
    const result = comparisonFeatures(
      pair({
        annotationA: annotation({ errors: { applicable: true, items: [err("severe"), err("minor"), err("minor")] } }),
        annotationB: annotation({ errors: { applicable: true, items: [err("minor"), err("moderate")] } }),
      }),
    );
    expect(result.excluded).toBe(false);
    expect(result.features[index("no minor errors")]).toBe(-1); // A 2 minor, B 1
    expect(result.features[index("no moderate errors")]).toBe(1); // A 0, B 1
    expect(result.features[index("no severe errors")]).toBe(-1); // A 1, B 0
  });

  it("equal counts give 0 even when descriptions differ", () => {
    const result = comparisonFeatures(
      pair({
        annotationA: annotation({ errors: { applicable: true, items: [err("moderate")] } }),
        annotationB: annotation({ errors: { applicable: true, items: [{ ...err("moderate"), description: "other" }] } }),
      }),
    );
    expect(result.features.slice(20, 23)).toEqual([0, 0, 0]);
  });

  it.each([
    [false, true],
    [true, false],
    [false, false],
  ])("a non-applicable check (A %s, B %s) excludes the pair and zeroes the error features", (a, b) => {
    const result = comparisonFeatures(
      pair({
        annotationA: annotation({ errors: { applicable: a, items: [err("severe")] } }),
        annotationB: annotation({ errors: { applicable: b, items: [] } }),
      }),
    );
    expect(result.excluded).toBe(true);
    expect(result.features.slice(20, 23)).toEqual([0, 0, 0]);
  });
});

describe("comparisonFeatures: query-specific rules", () => {
  const info = { clearIntent: true, expressesFeelings: false, constraints: [], stances: [], mistakes: [] };
  /** Feature `name` of a pair whose responses differ only in their query-specific scores. */
  const querySpecificFeature = (queryInfo: QueryInfo, name: string, a: QuerySpecificScores, b: QuerySpecificScores) =>
    comparisonFeatures(
      pair({ queryInfo, annotationA: annotation({ querySpecific: a }), annotationB: annotation({ querySpecific: b }) }),
    ).features[index(name)];

  it("clarify intent and show empathetic compare their 0-3 scores only when triggered", () => {
    const a = annotation({ querySpecific: { clarifyIntent: 3, showEmpathetic: 1 } });
    const b = annotation({ querySpecific: { clarifyIntent: 1, showEmpathetic: 2 } });
    const untriggered = comparisonFeatures(pair({ annotationA: a, annotationB: b })).features;
    expect(untriggered.slice(23, 28)).toEqual([0, 0, 0, 0, 0]);
    const triggered = comparisonFeatures(
      pair({ annotationA: a, annotationB: b, queryInfo: { ...info, clearIntent: false, expressesFeelings: true } }),
    ).features;
    expect(triggered.slice(23, 25)).toEqual([1, -1]);
  });

  it("satisfy constraints compares the mean score over constraints", () => {
    const queryInfo = { ...info, constraints: ["short", "formal", "three items"] };
    const features = (a: number[], b: number[]) =>
      querySpecificFeature(queryInfo, "satisfy constraints", { satisfyConstraints: a }, { satisfyConstraints: b });
    expect(features([3, 0, 3], [2, 2, 2])).toBe(0); // means 2 and 2
    expect(features([3, 1, 3], [2, 2, 2])).toBe(1); // 7/3 > 2
    expect(features([3, 3, 0], [3, 3, 1])).toBe(-1);
    // means, not totals, when one response rated fewer constraints: 2 < 3 although 6 > 3
    expect(features([2, 2, 2], [3])).toBe(-1);
  });

  it("support stances maps labels to 2..-2 and compares means", () => {
    const queryInfo = { ...info, stances: ["x", "y"] };
    const f = (a: QuerySpecificScores["supportStances"], b: typeof a) =>
      querySpecificFeature(queryInfo, "support stances", { supportStances: a }, { supportStances: b });
    expect(f(["strongly supported", "strongly opposed"], ["neutral", "neutral"])).toBe(0); // 0 vs 0
    expect(f(["weakly supported", "neutral"], ["neutral", "weakly opposed"])).toBe(1);
    expect(f(["weakly opposed", "weakly opposed"], ["strongly opposed", "neutral"])).toBe(0); // -1 vs -1
    expect(f(["strongly opposed", "neutral"], ["weakly opposed", "neutral"])).toBe(-1);
  });

  it("correct mistakes maps labels 3/2/1/0 and compares means", () => {
    const queryInfo = { ...info, mistakes: ["m"] };
    const f = (a: QuerySpecificScores["correctMistakes"], b: typeof a) =>
      querySpecificFeature(queryInfo, "correct mistakes", { correctMistakes: a }, { correctMistakes: b });
    expect(f(["corrected without being pointed out"], ["pointed out but not corrected"])).toBe(1); // 2 vs 1
    expect(f(["pointed out but not corrected"], ["pointed out and corrected"])).toBe(-1); // 1 vs 3
    expect(f(["neither pointed out nor corrected"], ["neither pointed out nor corrected"])).toBe(0);
  });

  it("a triggered case whose list is empty has no value rather than NaN, and gives 0", () => {
    const queryInfo = { ...info, constraints: ["c"], stances: ["s"], mistakes: ["m"] };
    const empty = { satisfyConstraints: [], supportStances: [], correctMistakes: [] };
    expect(querySpecificValues(queryInfo, empty)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    const rated = { satisfyConstraints: [3], supportStances: ["strongly supported" as const], correctMistakes: ["pointed out and corrected" as const] };
    expect(querySpecificValues(queryInfo, rated)).toEqual([undefined, undefined, 3, 2, 3]);
    expect(querySpecificFeature(queryInfo, "satisfy constraints", empty, rated)).toBe(0);
  });

  it("a triggered case missing in one response's annotation gives 0", () => {
    const features = comparisonFeatures(
      pair({
        queryInfo: { ...info, clearIntent: false },
        annotationA: annotation({ querySpecific: { clarifyIntent: 3 } }),
        annotationB: annotation(),
      }),
    ).features;
    expect(features[index("clarify intent")]).toBe(0);
  });
});

describe("compareLength: the word-count rule", () => {
  // Small-s table: for each s ≤ 11 the smallest longer length that counts.
  const table: [number, number][] = [
    [0, 1], [1, 3], [2, 5], [3, 7], [4, 8], [5, 10], [6, 11], [7, 13], [8, 14], [9, 16], [10, 17], [11, 19],
  ];
  it.each(table)("s=%i counts as shorter from l=%i on, not at l-1", (s, l) => {
    expect(compareLength(l, s)).toBe(1);
    expect(compareLength(s, l)).toBe(-1);
    if (l - 1 > s) expect(compareLength(l - 1, s)).toBe(0);
    expect(compareLength(s, l + 50)).toBe(-1);
  });

  it("equal lengths are never different, including 0 vs 0", () => {
    expect(compareLength(0, 0)).toBe(0);
    expect(compareLength(120, 120)).toBe(0);
  });

  it.each([
    // tier 1: s ≤ 0.7 l and l − s ≥ 10
    [12, 18, 0], // 12 ≤ 12.6 but gap 6
    [14, 20, 0], // 14 > 14 * ... 0.7*20 = 14 → s ≤ 0.7l holds, gap 6 < 10
    [21, 30, 0], // 21 ≤ 21, gap 9
    [21, 31, -1], // 21 ≤ 21.7, gap 10
    [28, 40, -1], // 28 ≤ 28 exactly, gap 12 (too small for tiers 2 and 3)
    [22, 31, 0], // 22 > 21.7, gap 9 → tier 2 needs gap 20
    // tier 2: s ≤ 0.8 l and l − s ≥ 20
    [80, 100, -1], // 80 ≤ 80, gap 20
    [81, 100, 0], // 81 > 80; tier 3 needs gap 40
    [79, 98, 0], // 79 ≤ 78.4? no; 79 > 78.4 and gap 19
    // tier 3: s ≤ 0.9 l and l − s ≥ 40
    [360, 400, -1], // 360 ≤ 360, gap 40
    [361, 400, 0],
    [359, 398, 0], // 359 ≤ 358.2? no
    [360, 401, -1],
    [400, 440, 0], // gap 40, but 400 > 396
    [12, 100, -1],
  ])("s=%i vs l=%i → %i (B is the longer response)", (s, l, expected) => {
    expect(compareLength(s, l)).toBe(expected);
    expect(compareLength(l, s)).toBe(expected === 0 ? 0 : -expected);
  });

  it("lengthy is the last feature", () => {
    const features = comparisonFeatures(pair({ responseA: { content: "", words: 300 }, responseB: { content: "", words: 100 } })).features;
    expect(features[28]).toBe(1);
    expect(features.slice(0, 28).every((value) => value === 0)).toBe(true);
  });
});

describe("groupsOf", () => {
  it("lists the scenario first, then every triggered case", () => {
    expect(groupsOf(pair())).toEqual(["Daily Tasks"]);
    expect(
      groupsOf(
        pair({
          scenario: "Advice",
          queryInfo: { clearIntent: false, expressesFeelings: true, constraints: ["c"], stances: ["s"], mistakes: ["m"] },
        }),
      ),
    ).toEqual(["Advice", "intent_unclear", "express_feeling", "w_constraints", "w_stances", "w_mistakes"]);
    expect(groupsOf(pair({ queryInfo: { clearIntent: true, expressesFeelings: false, constraints: [], stances: ["s"], mistakes: [] } }))).toEqual([
      "Daily Tasks",
      "w_stances",
    ]);
  });
});

describe("PairRecordSchema", () => {
  it("accepts a valid pair and rejects NaN, fractional or out-of-range Likert scores", () => {
    expect(PairRecordSchema.safeParse(pair()).success).toBe(true);
    for (const bad of [Number.NaN, 1.5, 4, -1]) {
      const record = pair({ annotationA: annotation({ basic: basicScores(1, { friendly: bad }) }) });
      const result = PairRecordSchema.safeParse(record);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(["annotationA", "basic", "friendly"]);
    }
  });
});
