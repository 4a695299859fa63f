import { describe, expect, it } from "vitest";
import { GPT4_TURBO, HUMAN, JUDGE_IDS, PROPERTY_COUNT, SCENARIO_IDS, type PairRecord } from "@prefdissect/data";
import {
  buildLabelBalanceSpec,
  buildMeanRatingsSpec,
  buildPreferenceIntervalsSpec,
  buildPropertyCorrelationSpec,
  buildSimilarityIntervalsSpec,
  columnCorrelations,
  describeDataset,
  labelBalanceRows,
  meanRatingRows,
  preferenceIntervalRows,
  propertyCorrelationRows,
  similarityIntervalRows,
} from "../src/index.js";
import { syntheticWeights } from "./fixtures.js";
import { intervalsFor, smallFeatureDataset, smallPairDataset } from "./figure-inputs.js";

type Titled = { title: { text: string; subtitle: string[] } };
const weights = syntheticWeights();

describe("meanRatingRows()", () => {
  const data = smallPairDataset(60);
  const rows = meanRatingRows(data.pairs);

  it("averages both responses of every pair for each of the 20 basic properties", () => {
    expect(rows).toHaveLength(20);
    const pairs: PairRecord[] = data.pairs;
    const expected = pairs.reduce((sum, pair) => sum + pair.annotationA.basic.friendly + pair.annotationB.basic.friendly, 0) / (2 * pairs.length);
    expect(rows.find((row) => row.annotationKey === "friendly")!.meanRating).toBeCloseTo(expected, 12);
    expect(rows.every((row) => row.responses === 120 && row.meanRating >= 0 && row.meanRating <= 3)).toBe(true);
  });

  it("labels the flipped property as annotated and carries the paper's one published mean", () => {
    expect(rows.find((row) => row.propertyIndex === 15)!.property).toBe("repetitive");
    expect(rows.filter((row) => row.paperValue !== null).map((row) => [row.property, row.paperValue])).toEqual([["well formatted", 1.26]]);
  });

  it("refuses an empty dataset", () => {
    expect(() => meanRatingRows([])).toThrow(/empty/);
  });
});

describe("labelBalanceRows()", () => {
  it("gives each judge's share of A labels per group, Human highlighted", () => {
    const data = smallFeatureDataset(200);
    const rows = labelBalanceRows(data);
    const human = data.labels.get(HUMAN)!;
    const advice = data.rows.filter((row) => row.groups.includes("Advice"));
    const share = (100 * advice.filter((row) => human[row.index] === "A").length) / advice.length;
    const row = rows.find((r) => r.group === "Advice" && r.judge === HUMAN)!;
    expect(row.shareA).toBeCloseTo(share, 12);
    expect(row.pairs).toBe(advice.length);
    expect(rows.filter((r) => r.highlighted).every((r) => r.judge === HUMAN)).toBe(true);
    expect([...new Set(rows.map((r) => r.judge))]).toEqual([HUMAN, "llama-2-70b-chat", GPT4_TURBO]);
  });

  it("counts a hand-made dataset exactly", () => {
    const rows = labelBalanceRows({
      rows: [0, 1, 2, 3].map((index) => ({ index, groups: ["Code"], features: [], excluded: index === 3 })),
      labels: new Map([[HUMAN, ["A", "A", "B", "A"] as const]]),
    });
    expect(rows).toEqual([{ group: "Code", groupLabel: "Code", judge: HUMAN, judgeLabel: "Human", highlighted: true, pairs: 4, shareA: 75 }]);
  });
});

describe("columnCorrelations() / propertyCorrelationRows()", () => {
  it("matches a hand computation and gives null for a constant column", () => {
    const m = columnCorrelations(
      [
        [1, 2, 5],
        [2, 4, 5],
        [3, 7, 5],
      ],
      3,
    );
    expect(m[0]![0]).toBe(1);
    expect(m[0]![1]).toBeCloseTo(0.9933992677987828, 12);
    expect(m[1]![0]).toBe(m[0]![1]);
    expect(m[0]![2]).toBeNull();
  });

  it("covers 29 × 29 features over the non-excluded pairs only", () => {
    const data = smallFeatureDataset(200);
    const rows = propertyCorrelationRows(data);
    expect(rows).toHaveLength(PROPERTY_COUNT * PROPERTY_COUNT);
    expect(rows[0]!.pairs).toBe(data.rows.filter((row) => !row.excluded).length);
    const swapped = rows.find((row) => row.propertyAIndex === 3 && row.propertyBIndex === 16)!;
    const back = rows.find((row) => row.propertyAIndex === 16 && row.propertyBIndex === 3)!;
    expect(swapped.correlation).toBe(back.correlation);
  });
});

describe("describeDataset()", () => {
  it("names only the file, and says SYNTHETIC for pd synth data", () => {
    const source = { file: "/home/someone/x/synthetic.parquet", format: "hf-parquet" as const, rows: 5240, synthetic: true };
    expect(describeDataset(source)).toBe("Source: SYNTHETIC data from pd synth (synthetic.parquet, 5,240 pairs), not the paper's annotations");
    expect(describeDataset({ ...source, synthetic: false }, true)).toContain("GAIR/preference-dissection");
    expect(describeDataset({ ...source, synthetic: false, file: "C:\\data\\mine.csv", format: "pairs-csv" })).toBe(
      "Source: annotated pairs from mine.csv (pairs-csv, 5,240 pairs)",
    );
  });

  it("puts SYNTHETIC in the headline of every dataset figure when asked", () => {
    const data = smallPairDataset(60);
    const features = smallFeatureDataset(60);
    const specs = [
      buildMeanRatingsSpec(meanRatingRows(data.pairs), { synthetic: true }),
      buildLabelBalanceSpec(labelBalanceRows(features), { synthetic: true }),
      buildPropertyCorrelationSpec(propertyCorrelationRows(features), { synthetic: true }),
    ] as unknown as Titled[];
    for (const spec of specs) expect(spec.title.text).toMatch(/^SYNTHETIC DATA/);
    const plain = buildMeanRatingsSpec(meanRatingRows(data.pairs)) as unknown as Titled;
    expect(plain.title.text).not.toMatch(/SYNTHETIC/);
  });
});

describe("preferenceIntervalRows() / buildPreferenceIntervalsSpec()", () => {
  it("gives 29 intervals per judge in Communication with a verdict against 50 %", () => {
    const rows = preferenceIntervalRows(intervalsFor(weights, [HUMAN, GPT4_TURBO, "llama-2-70b-chat"]));
    expect(rows).toHaveLength(3 * PROPERTY_COUNT);
    for (const row of rows) {
      expect(row.low).toBeLessThan(row.high);
      expect(row.verdict).toBe(row.low > 50 ? "preferred" : row.high < 50 ? "disliked" : "undecided");
    }
  });

  it("shows the judges a partial refit holds and names the missing one in the subtitle", () => {
    const rows = preferenceIntervalRows(intervalsFor(weights, [HUMAN, GPT4_TURBO]));
    expect([...new Set(rows.map((row) => row.judge))]).toEqual([HUMAN, GPT4_TURBO]);
    const spec = buildPreferenceIntervalsSpec(rows, { sourceLabel: "Source: x" }) as unknown as Titled;
    expect(spec.title.subtitle.join(" ")).toContain("Not in this refit, so not shown: LLaMA-2-70B-Chat in Communication.");
    expect(spec.title.subtitle.at(-1)).toBe("Source: x");
    const full = buildPreferenceIntervalsSpec(preferenceIntervalRows(intervalsFor(weights, [HUMAN, GPT4_TURBO, "llama-2-70b-chat"]))) as unknown as Titled;
    expect(full.title.subtitle.join(" ")).not.toContain("Not in this refit");
  });

  it("has no rows when the refit lacks the group", () => {
    expect(preferenceIntervalRows(intervalsFor(weights, [HUMAN], ["Code"]))).toEqual([]);
  });
});

describe("similarityIntervalRows() / buildSimilarityIntervalsSpec()", () => {
  it("pairs each reference with every other refit judge, either storage order, in size order", () => {
    const judges = [HUMAN, "llama-2-70b-chat", GPT4_TURBO];
    const intervals = intervalsFor(weights, judges);
    const rows = similarityIntervalRows({ intervals, weights });
    expect(rows.map((row) => `${row.reference}~${row.other}`)).toEqual([
      `${HUMAN}~llama-2-70b-chat`,
      `${HUMAN}~${GPT4_TURBO}`,
      `${GPT4_TURBO}~${HUMAN}`,
      `${GPT4_TURBO}~llama-2-70b-chat`,
    ]);
    const stored = intervals.similarity.find((entry) => entry.a === "llama-2-70b-chat" && entry.b === GPT4_TURBO)!;
    expect(rows[3]!.mean).toBe(stored.mean);
    expect(rows[0]!.pointEstimate).not.toBeNull();
    expect(similarityIntervalRows({ intervals }).every((row) => row.pointEstimate === null)).toBe(true);
  });

  it("says how many judges and which reference panels a partial refit lacks", () => {
    const rows = similarityIntervalRows({
      intervals: intervalsFor(
        weights,
        [HUMAN, "llama-2-70b-chat", "vicuna-33b-v1.3"].filter((id) => JUDGE_IDS.includes(id)),
      ),
    });
    const spec = buildSimilarityIntervalsSpec(rows) as unknown as Titled;
    const text = spec.title.subtitle.join(" ");
    expect(text).toMatch(/this refit covers \d of the 33 judges/i);
    expect(text).toContain("no panel for GPT-4-Turbo (not in this refit)");
  });

  it("says nothing is missing for a refit of all 33 judges", () => {
    const rows = similarityIntervalRows({ intervals: intervalsFor(weights, JUDGE_IDS, SCENARIO_IDS.slice(0, 1)) });
    expect(rows).toHaveLength(2 * 32);
    const spec = buildSimilarityIntervalsSpec(rows) as unknown as Titled;
    expect(spec.title.subtitle.join(" ")).not.toMatch(/not in this refit|covers/i);
  });
});
