import { describe, expect, it } from "vitest";
import { PrefDissectError } from "@prefdissect/shared";
import {
  BASIC_ANNOTATION_KEYS,
  GROUPS,
  SCENARIO_IDS,
  checkGroupIndex,
  checkPublishedGroupSizes,
  comparisonFeatures,
  groupSizes,
  readHfParquet,
  scaledSizes,
  synthesizePairs,
  toFeatureDataset,
  toRegressionProblems,
  writeHfParquet,
  type PairRecord,
} from "../src/index.js";
import { testWeights } from "./dataset-helpers.js";

const weights = testWeights();
// One full-size draw shared by the statistical checks (≈0.5 s).
const full = synthesizePairs({ weights, seed: 11, judges: ["human", "gpt-4-1106-preview"] });
const fullRows = toFeatureDataset({
  pairs: full,
  source: { format: "hf-parquet", file: "synthetic", rows: full.length, synthetic: true, schemaDifferences: [], warnings: [] },
}).rows;

const meanScore = (pairs: readonly PairRecord[], key: (typeof BASIC_ANNOTATION_KEYS)[number]) =>
  pairs.reduce((sum, p) => sum + p.annotationA.basic[key] + p.annotationB.basic[key], 0) / (2 * pairs.length);

describe("synthesizePairs", () => {
  it("reproduces the published group sizes at 5,240 pairs", () => {
    expect(full).toHaveLength(5240);
    expect(() => checkPublishedGroupSizes(fullRows, "synthetic")).not.toThrow();
    expect(groupSizes(fullRows).get("w_constraints")).toBe(1418);
  });

  it("scales group sizes for smaller draws, summing to the total", () => {
    const sizes = scaledSizes([400, 820, 820, 3200], 524, 5240);
    expect(sizes).toEqual([40, 82, 82, 320]);
    expect(scaledSizes([400, 820], 7, 1220).reduce((a, b) => a + b, 0)).toBe(7);
    const small = synthesizePairs({ weights, seed: 1, pairs: 131, judges: ["human"] });
    const counts = new Map<string, number>();
    for (const p of small) counts.set(p.scenario, (counts.get(p.scenario) ?? 0) + 1);
    // 820 / 40 = 20.5 for both large scenarios: the tie goes to the first in catalog order.
    expect(counts.get("Knowledge-aware")).toBe(21);
    expect(counts.get("Others")).toBe(20);
    expect(counts.get("Advice")).toBe(10);
  });

  it("has realistic rating distributions and a few per cent of excluded pairs", () => {
    expect(meanScore(full, "well formatted")).toBeGreaterThan(1.2);
    expect(meanScore(full, "well formatted")).toBeLessThan(1.32);
    expect(meanScore(full, "harmlessness")).toBeGreaterThan(2.5);
    expect(meanScore(full, "funny and humorous")).toBeLessThan(0.3);
    const excluded = fullRows.filter((row) => row.excluded).length / fullRows.length;
    expect(excluded).toBeGreaterThan(0.01);
    expect(excluded).toBeLessThan(0.08);
    // Responses of one pair are positively correlated.
    const a = full.map((p) => p.annotationA.basic.friendly);
    const b = full.map((p) => p.annotationB.basic.friendly);
    expect(pearson(a, b)).toBeGreaterThan(0.1);
    // Both tiers of the length rule are exercised.
    expect(full.some((p) => Math.min(p.responseA.words, p.responseB.words) <= 11)).toBe(true);
    const severities = new Set(full.flatMap((p) => p.annotationA.errors.items.map((item) => item.severity)));
    expect([...severities].sort()).toEqual(["minor", "moderate", "severe"]);
  });

  it("draws labels from the scenario weights: a dominant weight decides the label", () => {
    const strong = new Map(
      [...weights].map(([group, judges]) => [group, new Map([...judges].map(([judge]) => [judge, Array.from({ length: 29 }, (_, k) => (k === 0 ? 6 : 0))]))]),
    );
    const pairs = synthesizePairs({ weights: strong, seed: 5, pairs: 1000, judges: ["human"] });
    const decided = pairs.filter((p) => comparisonFeatures(p).features[0] !== 0);
    expect(decided.length).toBeGreaterThan(50);
    const agree = decided.filter((p) => (comparisonFeatures(p).features[0] === 1) === (p.labels.human === "A")).length;
    expect(agree / decided.length).toBeGreaterThan(0.97);
    const undecided = pairs.filter((p) => comparisonFeatures(p).features[0] === 0);
    const shareA = undecided.filter((p) => p.labels.human === "A").length / undecided.length;
    expect(shareA).toBeGreaterThan(0.4);
    expect(shareA).toBeLessThan(0.6);
  });

  it("is deterministic for a seed, differs between seeds, and keeps each judge's labels independent of the others", () => {
    const one = synthesizePairs({ weights, seed: 9, pairs: 50, judges: ["human", "yi-6b"] });
    const again = synthesizePairs({ weights, seed: 9, pairs: 50, judges: ["yi-6b"] });
    expect(again.map((p) => p.labels["yi-6b"])).toEqual(one.map((p) => p.labels["yi-6b"]));
    expect(new Uint8Array(writeHfParquet(one, { synthetic: true }))).toEqual(
      new Uint8Array(writeHfParquet(synthesizePairs({ weights, seed: 9, pairs: 50, judges: ["human", "yi-6b"] }), { synthetic: true })),
    );
    const other = synthesizePairs({ weights, seed: 10, pairs: 50, judges: ["human", "yi-6b"] });
    expect(other).not.toEqual(one);
  });

  it("rejects weights without a judge's scenario vector", () => {
    const partial = new Map([...weights].filter(([group]) => group !== "Code"));
    expect(() => synthesizePairs({ weights: partial, seed: 1, pairs: 10 })).toThrow(/judge "human" in scenario "Code"/);
  });

  it("round-trips through the dataset Parquet layout, marked synthetic", async () => {
    const pairs = synthesizePairs({ weights, seed: 2, pairs: 120 });
    const data = await readHfParquet(writeHfParquet(pairs, { synthetic: true }), "s.parquet");
    expect(data.pairs).toEqual(pairs);
    expect(data.source.synthetic).toBe(true);
    expect(data.source.schemaDifferences).toEqual([]);
    expect(Object.keys(data.pairs[0]!.labels)).toHaveLength(33);
  });
});

describe("group checks", () => {
  it("names each group whose size differs from the published one", () => {
    const rows = fullRows.map((row, i) => (i === 0 ? { ...row, groups: row.groups.filter((g) => g !== full[0]!.scenario) } : row));
    let message = "";
    try {
      checkPublishedGroupSizes(rows, "data.parquet");
    } catch (error) {
      message = (error as PrefDissectError).message;
    }
    const group = GROUPS.find((g) => g.id === full[0]!.scenario)!;
    expect(message).toBe(`data.parquet holds the paper's pairs, but its groups differ from the published group index: "${group.id}" has ${group.size - 1} pairs, published ${group.size}`);
  });

  it("compares membership with a group index", () => {
    const rows = fullRows.slice(0, 30);
    const index = new Map<string, number[]>([["all", rows.map((_, i) => i)]]);
    for (const id of SCENARIO_IDS) index.set(id, rows.flatMap((row, i) => (row.groups.includes(id) ? [i] : [])));
    expect(() => checkGroupIndex(rows, index, "d", "idx.json")).not.toThrow();
    const moved = index.get(rows[4]!.groups[0]!)!.filter((i) => i !== 4);
    index.set(rows[4]!.groups[0]!, moved);
    expect(() => checkGroupIndex(rows, index, "d", "idx.json")).toThrow(`d: row 4 is in group "${rows[4]!.groups[0]}" but idx.json does not list it`);
  });
});

describe("toRegressionProblems", () => {
  it("selects the group's non-excluded pairs, with y = 1 when A was preferred", () => {
    const pairs = full.slice(0, 400);
    const problem = toRegressionProblems(pairs, "human", "Advice");
    const members = pairs.map((p, i) => [p, i] as const).filter(([p]) => p.scenario === "Advice");
    const kept = members.filter(([p]) => !comparisonFeatures(p).excluded);
    expect(problem.rows).toEqual(kept.map(([, i]) => i));
    expect(problem.excluded).toBe(members.length - kept.length);
    expect(problem.y).toEqual(kept.map(([p]) => (p.labels.human === "A" ? 1 : 0)));
    expect(problem.X).toEqual(kept.map(([p]) => comparisonFeatures(p).features));
    expect(problem.X.every((x) => x.length === 29)).toBe(true);
    const qs = toRegressionProblems(pairs, "human", "w_constraints");
    expect(qs.rows.every((i) => pairs[i]!.queryInfo.constraints.length > 0)).toBe(true);
    expect(() => toRegressionProblems(pairs, "yi-6b", "Advice")).toThrow(/no labels for judge "yi-6b"/);
  });
});

function pearson(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}
