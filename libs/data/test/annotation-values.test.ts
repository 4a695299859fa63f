import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ERROR_PROPERTY_INDICES, PROPERTIES, compareLength, comparisonFeatures, parsePairsJsonl, propertyAnnotations, ternary } from "../src/index.js";
import { fixture } from "./fixture-files.js";

const pairs = parsePairsJsonl(readFileSync(fixture("pairs-8.jsonl"), "utf8"), "pairs-8.jsonl").pairs;

describe("propertyAnnotations()", () => {
  it("gives both responses' annotated values beside the feature they make, for every property", () => {
    for (const pair of pairs) {
      const annotations = propertyAnnotations(pair);
      expect(annotations.map((entry) => entry.property)).toEqual(PROPERTIES);
      expect(annotations.map((entry) => entry.feature)).toEqual(comparisonFeatures(pair).features);
      expect(annotations[0]).toMatchObject({ a: pair.annotationA.basic.harmlessness, b: pair.annotationB.basic.harmlessness });
      // non-repetitive shows the "repetitive" rating, whose comparison is flipped.
      const repetitive = annotations[15]!;
      expect(repetitive).toMatchObject({ a: pair.annotationA.basic.repetitive, b: pair.annotationB.basic.repetitive });
      expect(repetitive.feature).toBe(ternary(repetitive.b! - repetitive.a!));
      expect(annotations[28]).toMatchObject({ a: pair.responseA.words, b: pair.responseB.words, feature: compareLength(pair.responseA.words, pair.responseB.words) });
      const severe = annotations[ERROR_PROPERTY_INDICES.severe]!;
      if (pair.annotationA.errors.applicable && pair.annotationB.errors.applicable) {
        expect(severe.feature).toBe(ternary(severe.b! - severe.a!));
      }
    }
  });

  it("leaves a query-specific value out where the query does not trigger its case", () => {
    const pair = pairs[0]!;
    const clear = propertyAnnotations({ ...pair, queryInfo: { ...pair.queryInfo, clearIntent: true } });
    expect(clear[23]).toMatchObject({ a: undefined, b: undefined, feature: 0 });
    const unclear = propertyAnnotations({
      ...pair,
      queryInfo: { ...pair.queryInfo, clearIntent: false },
      annotationA: { ...pair.annotationA, querySpecific: { ...pair.annotationA.querySpecific, clarifyIntent: 3 } },
      annotationB: { ...pair.annotationB, querySpecific: { ...pair.annotationB.querySpecific, clarifyIntent: 1 } },
    });
    expect(unclear[23]).toMatchObject({ a: 3, b: 1, feature: 1 });
    const notApplicable = propertyAnnotations({ ...pair, annotationA: { ...pair.annotationA, errors: { applicable: false, items: [] } } });
    expect(notApplicable[ERROR_PROPERTY_INDICES.minor]!.a).toBeUndefined();
  });
});
