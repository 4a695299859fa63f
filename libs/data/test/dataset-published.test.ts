import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import {
  SCENARIO_IDS,
  parseGroupIndex,
  parseLabelsFile,
  publishedHumanTally,
  recognisePublishedDataset,
  synthesizePairs,
  writeHfParquet,
  type Label,
  type PairRecord,
} from "../src/index.js";
import { describeUpstream, upstreamDataDir } from "../../../vitest.upstream.js";
import { loadFeatureDataset, readArtifactText } from "../src/node.js";
import { testWeights } from "./dataset-helpers.js";
import { asyncFailure } from "./failure.js";

const temp = () => mkdtempSync(join(tmpdir(), "pd-published-"));
describeUpstream("recognising the paper's dataset by content", () => {
  let index: Map<string, number[]>;
  let human: Label[];
  let scenarioOf: string[];
  // 5,240 pairs of other content, in the Hugging Face layout, not marked synthetic.
  let other: PairRecord[];
  // The stand-in for the paper's dataset: the same pairs given the published scenarios and human
  // labels (the query-specific cases already have their published sizes).
  let paper: PairRecord[];
  beforeAll(async () => {
    const read = (id: string) => readArtifactText(id, { dataDir: upstreamDataDir() });
    index = parseGroupIndex(await read("group-index"), "query_aware_idxs.json");
    human = parseLabelsFile(await read("labels-human"), "example_preference_labels.json");
    scenarioOf = new Array<string>(human.length);
    for (const scenario of SCENARIO_IDS) for (const row of index.get(scenario)!) scenarioOf[row] = scenario;
    other = synthesizePairs({ weights: testWeights(), seed: 5, judges: ["human"] });
    paper = other.map((pair, i) => ({ ...pair, scenario: scenarioOf[i]!, labels: { human: human[i]! } }));
  });
  const writeParquet = (pairs: readonly PairRecord[], name: string) => {
    const file = join(temp(), name);
    writeFileSync(file, new Uint8Array(writeHfParquet(pairs)));
    return file;
  };
  const load = (data: string) => loadFeatureDataset({ data, dataDir: upstreamDataDir() });

  it("tallies the published human labels per scenario", () => {
    const tally = publishedHumanTally(index, human);
    const total = [...tally.values()].reduce((sum, count) => ({ A: sum.A + count.A, B: sum.B + count.B }), { A: 0, B: 0 });
    expect(total).toEqual({ A: 2609, B: 2631 });
    expect(tally.get("Code")!.A + tally.get("Code")!.B).toBe(400);
  });

  it("recognises the paper's pairs in any row order, and nothing else", () => {
    const published = publishedHumanTally(index, human);
    const rows = scenarioOf.map((scenario) => ({ groups: [scenario] }));
    expect(recognisePublishedDataset({ rows, labels: new Map([["human", human]]) }, published)).toEqual({ published: true });
    const reversed = { rows: [...rows].reverse(), labels: new Map([["human", [...human].reverse()]]) };
    expect(recognisePublishedDataset(reversed, published)).toEqual({ published: true });

    const flipped = human.map((label, i) => (i === index.get("Code")![0] ? (label === "A" ? "B" : "A") : label));
    const verdict = recognisePublishedDataset({ rows, labels: new Map([["human", flipped]]) }, published);
    expect(verdict.published).toBe(false);
    expect(!verdict.published && verdict.reason).toMatch(/^its human labels in "Code" are \d+ A \/ \d+ B, the published ones \d+ A \/ \d+ B$/);
    expect(recognisePublishedDataset({ rows, labels: new Map() }, published)).toEqual({ published: false, reason: "it has no human labels" });
    expect(recognisePublishedDataset({ rows: rows.slice(1), labels: new Map([["human", human.slice(1)]]) }, published)).toEqual({
      published: false,
      reason: "it has 5239 pairs, not 5240",
    });
  });

  it("holds the paper's dataset to the published group sizes", async () => {
    const loaded = await load(writeParquet(paper, "paper.parquet"));
    expect(loaded.rows).toHaveLength(5240);
    expect(loaded.source.warnings).toEqual([]);
  });

  it("still catches a group the paper's dataset does not reproduce", async () => {
    // One query that loses its constraints: a derivation error the group check must catch.
    const row = paper.findIndex((pair) => pair.queryInfo.constraints.length > 0);
    const broken = paper.map((pair, i) =>
      i === row
        ? {
            ...pair,
            queryInfo: { ...pair.queryInfo, constraints: [] },
            annotationA: { ...pair.annotationA, querySpecific: { ...pair.annotationA.querySpecific, satisfyConstraints: undefined } },
            annotationB: { ...pair.annotationB, querySpecific: { ...pair.annotationB.querySpecific, satisfyConstraints: undefined } },
          }
        : pair,
    );
    const file = writeParquet(broken, "paper-broken.parquet");
    const error = await asyncFailure(() => load(file));
    expect(error.code).toBe("group-sizes");
    expect(error.message).toBe(`${file} holds the paper's pairs, but its groups differ from the published group index: "w_constraints" has 1417 pairs, published 1418`);
  });

  it("loads another 5,240-pair dataset in the same layout, with a note, even when its groups differ", async () => {
    const moved = other.map((pair, i) => (i === 0 ? { ...pair, scenario: pair.scenario === "Code" ? "Advice" : "Code" } : pair));
    const file = writeParquet(moved, "other.parquet");
    const loaded = await load(file);
    expect(loaded.rows).toHaveLength(5240);
    expect(loaded.source.warnings).toHaveLength(1);
    expect(loaded.source.warnings[0]).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} has as many pairs as the paper's dataset but is another one \\(its human labels in "[^"]+" are \\d+ A / \\d+ B, the published ones \\d+ A / \\d+ B\\), so its groups are not held to the published sizes$`),
    );
  });
});
