import { describe, expect, it } from "vitest";
import { fixture, synthetic8Parquet } from "./fixture-files.js";
import { testWeights } from "./dataset-helpers.js";
import {
  GROUP_IDS,
  compactFeatureDataset,
  createCompactBuilder,
  expandCompactDataset,
  synthesizePairs,
  toFeatureDataset,
  toRegressionProblems,
  type DatasetSource,
  type FeatureDataset,
} from "../src/index.js";
import { loadCompactDataset, loadPairDataset } from "../src/node.js";

const source: DatasetSource = { format: "pairs-jsonl", file: "memory.jsonl", rows: 0, synthetic: true, schemaDifferences: [], warnings: [] };

/** The object path every loader used before the compact form: pairs → rows of objects. */
async function objectPath(data: string): Promise<FeatureDataset> {
  return toFeatureDataset(await loadPairDataset({ data }));
}

describe("the compact dataset", () => {
  it.each([
    ["Parquet", synthetic8Parquet],
    ["JSONL", () => fixture("pairs-8.jsonl")],
    ["CSV", () => fixture("pairs-8.csv")],
  ])("reads %s into the same rows and labels as the object path", async (_, path) => {
    const compact = await loadCompactDataset({ data: path() });
    const reference = await objectPath(path());
    expect(compact.size).toBe(8);
    expect(compact.features).toBeInstanceOf(Int8Array);
    expect(compact.features.length).toBe(8 * 29);
    const expanded = expandCompactDataset(compact);
    expect(expanded.rows).toEqual(reference.rows);
    expect(expanded.labels).toEqual(reference.labels);
    expect(compact.source).toEqual(reference.source);
  });

  const pairs = synthesizePairs({ weights: testWeights(), seed: 4, pairs: 600, judges: ["human", "gpt-4-1106-preview"] });
  const rows = toFeatureDataset({ pairs, source });
  const compact = compactFeatureDataset(rows);

  it("round-trips a synthetic dataset: rows, group lists and labels come back unchanged", () => {
    const back = expandCompactDataset(compact);
    expect(back.rows).toEqual(rows.rows);
    expect(back.labels).toEqual(rows.labels);
    // Query-specific groups cut across scenarios, so membership lists overlap: every pair is in
    // exactly one scenario and in as many cases as its query triggers.
    const memberships = [...compact.groups.values()].reduce((sum, members) => sum + members.length, 0);
    expect(memberships).toBe(rows.rows.reduce((sum, row) => sum + row.groups.length, 0));
  });

  it("gives every judge × group the same regression problem as the rows of objects", () => {
    for (const judge of ["human", "gpt-4-1106-preview"]) {
      for (const group of GROUP_IDS) {
        expect(toRegressionProblems(compact, judge, group)).toEqual(toRegressionProblems(rows, judge, group));
      }
    }
  });

  it("shares one feature array per pair between the problems of all groups and judges", () => {
    const advice = toRegressionProblems(compact, "human", "Advice");
    const again = toRegressionProblems(compact, "gpt-4-1106-preview", "Advice");
    expect(advice.X[0]).toBe(again.X[0]);
  });

  it("keeps only judges that labelled every pair, and each pair's groups in catalog order", () => {
    const builder = createCompactBuilder();
    const zeros = new Array<number>(29).fill(0);
    builder.add({ features: zeros, excluded: false, groups: ["w_stances", "Code"], labels: { a: "A" } });
    builder.add({ features: zeros, excluded: true, groups: ["Advice", "intent_unclear", "w_stances"], labels: { a: "B", b: "A" } });
    builder.add({ features: zeros, excluded: false, groups: ["Code"], labels: { a: "A", b: "B" } });
    const built = builder.finish({ ...source, rows: 3 });
    expect([...built.labels.keys()]).toEqual(["a"]);
    expect([...built.labels.get("a")!]).toEqual([1, 0, 1]);
    expect([...built.excluded]).toEqual([0, 1, 0]);
    expect(expandCompactDataset(built).rows.map((row) => row.groups)).toEqual([["Code", "w_stances"], ["Advice", "intent_unclear", "w_stances"], ["Code"]]);
  });
});
