import { describe, expect, it } from "vitest";
import { GPT4_TURBO, GROUP_IDS, HUMAN, JUDGE_IDS, PROPERTY_COUNT, SCENARIO_IDS, weightsTable, type WeightSet } from "@prefdissect/data";
import { errorSensitivity } from "@prefdissect/similarity";
import {
  alignmentSimilarity,
  communicationDissection,
  errorSensitivityTable,
  meanPairSimilarities,
  scenarioMeans,
  similarityHeatmap,
  sizeGroupSimilarityFigure,
  topBottomProperties,
  withPreference,
  buildCommunicationDissectionSpec,
  buildSimilarityHeatmapSpec,
  communicationDissectionRows,
  errorSensitivityRows,
  alignmentSimilarityRows,
  buildAlignmentSimilaritySpec,
  similarityCellRows,
  sizeGroupSimilarityRows,
  topBottomPropertyRows,
  buildTopBottomPropertiesSpec,
  judgeLabel,
} from "../src/index.js";
import { syntheticWeights } from "./fixtures.js";

const weights = syntheticWeights();
/** P(p) of some judges in some groups, as the notebooks build it. */
const preferencesOf = (ws: WeightSet, groups: readonly string[], judges: readonly string[]) => withPreference(weightsTable(ws, { groups, judges }));
type Layered = { layer: { mark: { type: string; color?: string; strokeDash?: number[] }; encoding: Record<string, any>; data?: { values: any[] } }[] };

describe("communicationDissectionRows() / buildCommunicationDissectionSpec()", () => {
  const rows = communicationDissection.rows(weights);

  it("builds the same rows from the P(p) table of the chosen judges and group", () => {
    expect(communicationDissectionRows(preferencesOf(weights, ["Communication"], [HUMAN, GPT4_TURBO, "llama-2-70b-chat"]))).toEqual(rows);
    const code = communicationDissectionRows(preferencesOf(weights, ["Code"], [GPT4_TURBO]));
    expect(code.map((row) => row.weight)).toEqual(weights.get("Code")!.get(GPT4_TURBO));
  });

  it("has 29 properties for each of Human, GPT-4-Turbo and LLaMA-2-70B-Chat", () => {
    expect(rows).toHaveLength(3 * PROPERTY_COUNT);
    expect([...new Set(rows.map((row) => row.judge))]).toEqual([HUMAN, GPT4_TURBO, "llama-2-70b-chat"]);
    const human = weights.get("Communication")!.get(HUMAN)!;
    expect(rows[28]!.preference).toBeCloseTo(100 / (1 + Math.exp(-human[28]!)), 12);
  });

  it("draws one red dashed rule at 50 % and a y domain that holds every bar", () => {
    const spec = buildCommunicationDissectionSpec(rows) as unknown as Layered;
    const rules = spec.layer.filter((layer) => layer.mark.type === "rule");
    expect(rules).toHaveLength(1);
    expect(rules[0]!.mark.strokeDash).toBeDefined();
    expect(rules[0]!.mark.color).toBe("#d62728");
    expect(rules[0]!.data!.values).toEqual([{ boundary: 50 }]);
    const [low, high] = spec.layer[0]!.encoding.y.scale.domain as [number, number];
    for (const row of rows) expect(row.preference >= low && row.preference <= high).toBe(true);
  });
});

describe("topBottomPropertyRows()", () => {
  it("lists 3 top and 3 bottom properties per judge for all 16 groups", () => {
    const rows = topBottomProperties.rows(weights);
    expect(rows).toHaveLength(GROUP_IDS.length * 2 * 6);
    expect(topBottomPropertyRows(preferencesOf(weights, ["Advice"], [HUMAN]), 5)).toHaveLength(10);
    const advice = rows.filter((row) => row.group === "Advice" && row.judge === HUMAN && row.end === "top");
    expect(advice.map((row) => row.rank)).toEqual([1, 2, 3]);
    expect(advice[0]!.preference).toBeGreaterThanOrEqual(advice[1]!.preference);
  });

  it("marks a property shared when the other judge has it at the same end", () => {
    const vector = (top: number[]) => Array.from({ length: PROPERTY_COUNT }, (_, i) => (top.includes(i) ? 1 + i / 100 : -i / 1000));
    const ws: WeightSet = new Map([
      [
        "Advice",
        new Map([
          [HUMAN, vector([0, 1, 2])],
          [GPT4_TURBO, vector([2, 5, 6])],
        ]),
      ],
    ]);
    const rows = topBottomPropertyRows(preferencesOf(ws, ["Advice"], [HUMAN, GPT4_TURBO]));
    const humanTop = rows.filter((row) => row.judge === HUMAN && row.end === "top");
    expect(humanTop.map((row) => [row.propertyIndex, row.sharedWithOtherJudge])).toEqual([
      [2, true],
      [1, false],
      [0, false],
    ]);
  });

  it("puts the four judge × end columns in the spec's column order", () => {
    const spec = buildTopBottomPropertiesSpec(topBottomProperties.rows(weights)) as unknown as { spec: { encoding: { x: { sort: string[] } } } };
    expect(spec.spec.encoding.x.sort).toEqual(["Human · top 3", "Human · bottom 3", "GPT-4-Turbo · top 3", "GPT-4-Turbo · bottom 3"]);
  });
});

describe("errorSensitivityRows()", () => {
  it("gives minor / moderate / severe for all 33 judges in size order", () => {
    const rows = errorSensitivityTable.rows(weights);
    expect(rows).toHaveLength(33 * 3);
    expect(rows.filter((row) => row.severity === "severe").map((row) => row.judge)).toEqual([...JUDGE_IDS]);
    // Bit for bit what the claims compute.
    expect(rows[2]!.preference).toBe(errorSensitivity(weights, HUMAN).severe);
  });

  it("refuses a mean over fewer than the 11 scenarios", () => {
    const means = scenarioMeans(preferencesOf(weights, SCENARIO_IDS.slice(1), [HUMAN]), ["judge", "propertyIndex", "property"], "preference");
    expect(() => errorSensitivityRows(means)).toThrow(/a mean over 10 of the 11 scenarios/);
  });
});

describe("buildSimilarityHeatmapSpec()", () => {
  const rows = similarityHeatmap.rows(weights);
  const spec = buildSimilarityHeatmapSpec(rows) as unknown as Layered & { width: number; height: number };

  it("has 33×33 cells in size order with a symmetric matrix and ones on the diagonal", () => {
    expect(rows).toHaveLength(33 * 33);
    expect(rows.slice(0, 33).map((row) => row.judgeB)).toEqual([...JUDGE_IDS]);
    for (const row of rows.filter((r) => r.judgeA === r.judgeB)) expect(row.similarity).toBe(1);
    const at = (a: string, b: string) => rows.find((row) => row.judgeA === a && row.judgeB === b)!.similarity;
    expect(at(HUMAN, GPT4_TURBO)).toBe(at(GPT4_TURBO, HUMAN));
    expect(spec.width).toBe(spec.height);
    expect(similarityCellRows(meanPairSimilarities(weights, [HUMAN]))).toEqual([]);
  });

  it("colours a rect per cell and prints each value as a text mark", () => {
    const [rect, text] = spec.layer;
    expect(rect!.mark.type).toBe("rect");
    expect(rect!.encoding.color.field).toBe("similarity");
    expect(text!.mark.type).toBe("text");
    expect(text!.encoding.text.field).toBe("label");
    expect(rect!.encoding.x.sort).toHaveLength(33);
  });

  it("separates Human, the ≤14B models, the >30B models and the GPT models with lines", () => {
    const boundaries = spec.layer.filter((layer) => layer.mark.type === "rule")[0]!.data!.values.map((v) => v.judgeALabel);
    expect(boundaries).toEqual(["Yi-6B", "Yi-34B", "GPT-3.5-Turbo"]);
  });

  it("takes a judge added beside the 33, labelled by its id and framed as a block of its own", () => {
    const added = new Map([...weights].map(([group, judges]) => [group, new Map([...judges, ["my-judge", judges.get(HUMAN)!]])]));
    const order = [...JUDGE_IDS.slice(0, 5), "my-judge", ...JUDGE_IDS.slice(5)];
    const withAdded = similarityCellRows(meanPairSimilarities(added, order));
    expect(withAdded).toHaveLength(34 * 34);
    expect(withAdded.find((row) => row.judgeA === "my-judge" && row.judgeB === HUMAN)).toMatchObject({
      judgeALabel: "my-judge",
      similarity: expect.closeTo(1, 12),
    });
    const rules = (buildSimilarityHeatmapSpec(withAdded) as unknown as Layered).layer
      .filter((layer) => layer.mark.type === "rule")[0]!
      .data!.values.map((v) => v.judgeALabel);
    // Lines before and after the added judge, among the ≤14B models.
    expect(rules).toEqual(["Yi-6B", "my-judge", judgeLabel(JUDGE_IDS[5]!), "Yi-34B", "GPT-3.5-Turbo"]);
    const dissection = communicationDissectionRows(
      withPreference(weightsTable(added, { groups: ["Communication"] }).filter((row: { judge: string }) => row.judge === "my-judge")),
    );
    expect(dissection.filter((row) => row.judge === "my-judge").map((row) => row.judgeLabel)).toEqual(Array(PROPERTY_COUNT).fill("my-judge"));
  });
});

describe("sizeGroupSimilarityRows()", () => {
  it("has the three comparisons with their pair counts and the paper's values", () => {
    const rows = sizeGroupSimilarityFigure.rows(weights);
    expect(rows.map((row) => [row.comparison, row.pairs, row.paperValue])).toEqual([
      ["small", 190, 0.83],
      ["large", 45, 0.88],
      ["between", 200, 0.74],
    ]);
  });

  it("is empty unless both size groups have two models", () => {
    expect(sizeGroupSimilarityRows(meanPairSimilarities(weights, [HUMAN, "yi-6b", "llama-2-7b", "llama-2-70b"]))).toEqual([]);
    const rows = sizeGroupSimilarityRows(meanPairSimilarities(weights, [HUMAN, "yi-6b", "llama-2-7b", "llama-2-70b", "yi-34b"]));
    expect(rows.map((row) => [row.label, row.pairs])).toEqual([
      ["within ≤14B (2 models)", 1],
      ["within >30B (2 models)", 1],
      ["between ≤14B and >30B", 4],
    ]);
  });
});

describe("alignmentSimilarityRows() / buildAlignmentSimilaritySpec()", () => {
  it("puts the 10 same-vendor pairs in panel (a) and the other fine-tunes in panel (b)", () => {
    const rows = alignmentSimilarity.rows(weights);
    expect(alignmentSimilarityRows(meanPairSimilarities(weights, ["llama-2-7b", "llama-2-7b-chat", HUMAN])).map((row) => row.aligned)).toEqual([
      "llama-2-7b-chat",
    ]);
    expect(rows.filter((row) => row.panel === "same-vendor")).toHaveLength(10);
    expect(rows.find((row) => row.aligned === "vicuna-7b-v1.5")!.panel).toBe("other-fine-tune");
    const spec = buildAlignmentSimilaritySpec(rows) as unknown as { vconcat: { title: { text: string } }[] };
    expect(spec.vconcat.map((panel) => panel.title.text.slice(0, 3))).toEqual(["(a)", "(b)"]);
  });
});
