import { describe, expect, it } from "vitest";
import { comparisonFeatures, PROPERTIES } from "@prefdissect/data";
import { promptProperties, toFeatureLine, toPairRecord, type PairAnswers } from "../src/index.js";
import { syntheticPairs } from "./helpers.js";

function ratings(promptId: "basic-query-free" | "basic-query-aware", value: number): Record<string, number> {
  return Object.fromEntries(promptProperties(promptId).map((item) => [item.key, value]));
}

const base: PairAnswers = {
  queryInfo: { clearIntent: true, expressesFeelings: false, constraints: ["be brief"], stances: [], mistakes: [] },
  queryFree: { a: ratings("basic-query-free", 1), b: ratings("basic-query-free", 1) },
  queryAware: { a: { relevant: 2, novel: 1 }, b: { relevant: 0, novel: 1 } },
  errors: { a: { applicable: true, items: [] }, b: { applicable: true, items: [{ description: "d", type: "math error", severity: "severe" }] } },
  querySpecific: { a: { satisfyConstraints: [3] }, b: { satisfyConstraints: [1] } },
};

describe("toPairRecord()", () => {
  const [input] = syntheticPairs(1);

  it("stores every rating under the data format's annotation key", () => {
    const record = toPairRecord(input!, base);
    expect(Object.keys(record.annotationA.basic).sort()).toEqual(
      PROPERTIES.filter((property) => property.kind === "basic")
        .map((property) => property.annotationKey)
        .sort(),
    );
    expect(record.annotationA.basic["relevance without considering inaccuracy"]).toBe(2);
    expect(record.labels).toEqual({ human: "A" });
  });

  it("yields the features of the shared data module (repetitive flipped, fewer errors better)", () => {
    const answers: PairAnswers = {
      ...base,
      queryFree: { a: { ...ratings("basic-query-free", 1), harmless: 3, repetitive: 3 }, b: ratings("basic-query-free", 1) },
    };
    const record = toPairRecord(input!, answers);
    const line = toFeatureLine(record, 4);
    expect(line.features).toEqual(comparisonFeatures(record).features);
    expect(line.index).toBe(4);
    expect(line.features[0]).toBe(1); // harmless
    expect(line.features[15]).toBe(-1); // A is more repetitive → less non-repetitive
    expect(line.features[17]).toBe(1); // relevant: B scored 0
    expect(line.features[22]).toBe(1); // B has a severe error
    expect(line.features[25]).toBe(1); // constraints better met by A
    expect(line.groups).toEqual([input!.scenario, "w_constraints"]);
    expect(line.excluded).toBe(false);
  });

  it("marks a pair whose error check was not applicable as excluded", () => {
    const record = toPairRecord(input!, { ...base, errors: { ...base.errors, a: { applicable: false, items: [] } } });
    expect(toFeatureLine(record, 0).excluded).toBe(true);
  });

  it("rejects answers missing a rating", () => {
    const { harmless: _dropped, ...rest } = ratings("basic-query-free", 1);
    expect(() => toPairRecord(input!, { ...base, queryFree: { a: rest, b: rest } })).toThrow(/harmless/);
  });
});
