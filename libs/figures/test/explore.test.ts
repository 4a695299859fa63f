import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { Ajv } from "ajv";
import type { TopLevelSpec } from "vega-lite";
import { JUDGE_IDS, PROPERTIES, SCENARIO_IDS, weightsTable, type WeightSet } from "@prefdissect/data";
import { explainPair, judgeProfile, meanPreference, similarityMatrix } from "@prefdissect/similarity";
import {
  buildDissectionSpec,
  buildJudgePreferenceMapSpec,
  buildJudgeSimilaritySpec,
  buildPairWaterfallSpec,
  buildSimilarityMatrixSpec,
  communicationDissectionRows,
  dissectionRows,
  distinctJudgeColours,
  judgePreferenceMapRows,
  judgeSimilarityRows,
  pairWaterfallRows,
  similarityHeatmap,
  withPreference,
  similarityMatrixRows,
  renderSvg,
} from "../src/index.js";
import { syntheticWeights } from "./fixtures.js";

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve("vega-lite/vega-lite-schema.json"), "utf8"));
const validate = new Ajv({ allowUnionTypes: true, strict: false, validateFormats: false }).compile(schema);
const released = syntheticWeights();

/** `weights` plus an added judge "mine" whose vector in every group is LLaMA-2-7B's, halved. */
const withAdded: WeightSet = new Map(
  [...released].map(([group, judges]) => [group, new Map([...judges, ["mine", judges.get("llama-2-7b")!.map((w) => w / 2)]])]),
);

async function expectValidAndDrawn(spec: TopLevelSpec): Promise<string> {
  expect(validate(spec), JSON.stringify(validate.errors?.slice(0, 2))).toBe(true);
  // "container" widths need a page; a fixed width draws the same marks here.
  const { width } = spec as { width?: unknown };
  const svg = await renderSvg({ ...spec, width: width === "container" ? 500 : width } as TopLevelSpec);
  expect(svg).toMatch(/^<svg/);
  return svg;
}

describe("dissectionRows() and buildDissectionSpec()", () => {
  it("give Figure 1's rows for a real group, so downloads match the notebook's json", () => {
    const judges = ["human", "gpt-4-1106-preview", "llama-2-70b-chat"];
    expect(dissectionRows(released, judges, "Communication")).toEqual(
      communicationDissectionRows(withPreference(weightsTable(released, { groups: ["Communication"], judges }))),
    );
  });

  it("average over the 11 scenarios for the group mean and name added judges by their id", () => {
    const rows = dissectionRows(withAdded, ["mine", "human"], "mean");
    expect(rows).toHaveLength(2 * 29);
    expect(rows[0]).toMatchObject({ group: "mean", judge: "mine", judgeLabel: "mine", property: "harmless" });
    expect(rows[29 + 5]!.preference).toBeCloseTo(meanPreference(released, "human", 5), 12);
    const meanWeight = SCENARIO_IDS.reduce((sum, group) => sum + released.get(group)!.get("human")![5]!, 0) / 11;
    expect(rows[29 + 5]!.weight).toBeCloseTo(meanWeight, 12);
  });

  it("attach intervals of the group shown and draw them", async () => {
    const intervals = [
      { judge: "mine", group: "Code", propertyIndex: 3, low: 40, high: 70, mean: 55 },
      { judge: "mine", group: "Advice", propertyIndex: 3, low: 1, high: 2, mean: 1.5 },
    ];
    const rows = dissectionRows(withAdded, ["human", "mine"], "Code", intervals);
    expect(rows.filter((row) => row.low !== undefined)).toEqual([expect.objectContaining({ judge: "mine", propertyIndex: 3, low: 40, high: 70 })]);
    const svg = await expectValidAndDrawn(buildDissectionSpec(rows, { sort: "preference" }));
    expect(svg).toContain("P(p) in Code");
  });

  it("sort the properties by the first judge's P(p) when asked", () => {
    const rows = dissectionRows(released, ["human", "yi-6b"], "Advice");
    const spec = buildDissectionSpec(rows, { sort: "preference" }) as { layer: { encoding: { y: { sort: string[] } } }[] };
    const order = spec.layer[0]!.encoding.y.sort;
    const human = rows.filter((row) => row.judge === "human");
    expect(order.map((name) => human.find((row) => row.property === name)!.preference)).toEqual(human.map((row) => row.preference).sort((a, b) => b - a));
    const byProperty = buildDissectionSpec(rows) as typeof spec;
    expect(byProperty.layer[0]!.encoding.y.sort).toEqual(PROPERTIES.map((property) => property.name));
  });
});

describe("similarityMatrixRows() and buildSimilarityMatrixSpec()", () => {
  it("give the similarity heatmap's rows for the 33 judges in size order", () => {
    expect(similarityMatrixRows(released, JUDGE_IDS, "mean")).toEqual(similarityHeatmap.rows(released));
  });

  it("compute one group's similarities, include added judges and reorder by cluster", async () => {
    const judges = [...JUDGE_IDS, "mine"];
    const rows = similarityMatrixRows(withAdded, judges, "Code", "cluster");
    const order = [...new Set(rows.map((row) => row.judgeA))];
    expect([...order].sort()).toEqual([...judges].sort());
    const matrix = similarityMatrix(withAdded, judges, ["Code"]);
    const cell = rows.find((row) => row.judgeA === "mine" && row.judgeB === "human")!;
    expect(cell.similarity).toBeCloseTo(matrix.values[judges.indexOf("mine")]![judges.indexOf("human")]!, 12);
    const svg = await expectValidAndDrawn(buildSimilarityMatrixSpec(rows, { group: "Code" }));
    expect(svg).toContain("Similarity of 34 judges in Code");
  });
});

describe("pairWaterfallRows() and buildPairWaterfallSpec()", () => {
  it("build the logit up from the non-zero terms, largest first, and end on the total", async () => {
    const weights = released.get("Code")!.get("human")!;
    const features = PROPERTIES.map((property) => [1, 0, -1, 0][property.index % 4]!);
    const explanation = explainPair(weights, features);
    const rows = pairWaterfallRows(explanation, { index: 7, judge: "human", group: "Code" });
    expect(rows).toHaveLength(features.filter((x) => x !== 0).length + 1);
    const total = rows.at(-1)!;
    expect(total).toMatchObject({ step: "logit", start: 0, propertyIndex: null });
    expect(total.end).toBeCloseTo(explanation.logit, 12);
    expect(rows.at(-2)!.end).toBeCloseTo(explanation.logit, 12);
    const sizes = rows.slice(0, -1).map((row) => Math.abs(row.contribution));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    rows.slice(1, -1).forEach((row, i) => expect(row.start).toBe(rows[i]!.end));
    await expectValidAndDrawn(buildPairWaterfallSpec(rows));
  });
});

describe("judge placement charts", () => {
  it("draw the profile's similarities and the judge's P(p) in every group", async () => {
    const profile = judgeProfile(withAdded, "mine", { others: [...JUDGE_IDS] });
    const rows = judgeSimilarityRows(profile);
    expect(rows).toHaveLength(33);
    expect(rows[0]).toMatchObject({ judgeA: "mine", judgeB: profile.mostSimilar[0]!.judge, similarity: profile.mostSimilar[0]!.similarity });
    await expectValidAndDrawn(buildJudgeSimilaritySpec(rows));
    const map = judgePreferenceMapRows(withAdded, "mine");
    expect(map).toHaveLength(16 * 29);
    await expectValidAndDrawn(buildJudgePreferenceMapSpec(map));
  });

  it("give every judge its own colour, the paper's judges keeping theirs", () => {
    const colours = distinctJudgeColours(["yi-6b", "human", "mine", "qwen-7b"]);
    expect(colours[1]).toBe("#3a6ea5");
    expect(new Set(colours).size).toBe(4);
  });
});
