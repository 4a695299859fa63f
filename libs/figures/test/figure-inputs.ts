import { PROPERTIES, SCENARIO_IDS, synthesizePairs, toFeatureDataset, type FeatureDataset, type PairDataset, type WeightSet } from "@prefdissect/data";
import type { RefitIntervals } from "@prefdissect/refit";
import { FIG07_JUDGES, type FigureDefinition, type GameabilityFigureInput, type StrengthRun } from "../src/index.js";
import { syntheticWeights } from "./fixtures.js";

/** A small synthetic pair dataset (labels for three judges), generated once per test file. */
export function smallPairDataset(pairs = 240): PairDataset {
  const weights = syntheticWeights();
  const records = synthesizePairs({ weights, seed: 3, pairs, judges: ["human", "gpt-4-1106-preview", "llama-2-70b-chat"] });
  return {
    pairs: records,
    source: { format: "hf-parquet", file: "/some/machine/path/small.parquet", rows: records.length, synthetic: true, schemaDifferences: [], warnings: [] },
  };
}

export function smallFeatureDataset(pairs = 240): FeatureDataset {
  return toFeatureDataset(smallPairDataset(pairs));
}

/**
 * Intervals as `pd refit` writes them, derived from a weight set: every property of the given
 * judges in the given groups, and a similarity entry per judge pair (a before b in list order).
 */
export function intervalsFor(weights: WeightSet, judges: readonly string[], groups: readonly string[] = SCENARIO_IDS, synthetic = true): RefitIntervals {
  const preference = judges.flatMap((judge) =>
    groups.flatMap((group) =>
      PROPERTIES.map((property) => {
        const w = weights.get(group)!.get(judge)![property.index]!;
        const mean = 100 / (1 + Math.exp(-w));
        return { judge, group, propertyIndex: property.index, mean, low: mean - 4 - property.index / 10, high: mean + 4 + property.index / 10 };
      }),
    ),
  );
  const similarity = judges.flatMap((a, i) =>
    judges.slice(i + 1).map((b, j) => ({ a, b, mean: 0.5 + (i + j) / 100, low: 0.4 + (i + j) / 100, high: 0.6 + (i + j) / 100 })),
  );
  return { format: "prefdissect.refit-intervals/1", synthetic, mass: 0.9, preference, similarity };
}

const weights = syntheticWeights();
const pairs = smallPairDataset(120);
const features = toFeatureDataset(pairs);
const intervals = intervalsFor(weights, ["human", "gpt-4-1106-preview", "llama-2-70b-chat"]);

/**
 * Made-up gameability estimates (a gain per property from the synthetic Code weights, with an
 * interval for the first judge only) and two reported numbers: the figure's shape, not the method.
 */
export function gameabilityInput(): GameabilityFigureInput {
  return {
    estimates: FIG07_JUDGES.map((judge, j) => ({
      judge,
      pairs: 400 + j,
      gains: weights
        .get("Code")!
        .get(judge)!
        .map((w, propertyIndex) => ({ propertyIndex, gain: 3 * w, ...(j === 0 ? { low: 3 * w - 0.5, high: 3 * w + 0.5 } : {}) })),
    })),
    data: "SYNTHETIC test pairs",
    reported: [
      { benchmark: "Bench A", setting: "aligned", value: 81.94, unit: "%" },
      { benchmark: "Bench B", setting: "largest change", value: 0.59, unit: "points" },
    ],
    reportedLabel: "reported elsewhere",
  };
}

/**
 * Two collected judges on the same 120 pairs: a judge's labels from the synthetic dataset with a
 * low certainty, another's with a high one, both added with their synthetic weights.
 */
const judgeRuns: StrengthRun[] = (["human", "gpt-4-1106-preview"] as const).map((judge, j) => ({
  model: `collected-${judge}`,
  verdicts: features.labels.get(judge)!.map((label, index) => ({ index, label, certainty: ((index * 7) % 10) / 10 / (2 - j) })),
  added: { judge: `added-${judge}`, weights: new Map([...weights].map(([group, judges]) => [group, new Map([[`added-${judge}`, judges.get(judge)!]])])) },
}));

/** A test input for any figure, by the kind of input it reads (weights: the full synthetic set). */
export function figureInput(figure: FigureDefinition<unknown, object>): unknown {
  switch (figure.input) {
    case "weights":
      return weights;
    case "pair-dataset":
      return pairs.pairs;
    case "feature-dataset":
      return features;
    case "refit-intervals":
      return figure.name === "refit-similarity-intervals" ? { intervals, weights } : intervals;
    case "gameability":
      return gameabilityInput();
    case "judge-runs":
      return judgeRuns;
  }
}
