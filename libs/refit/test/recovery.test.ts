// The synthetic-recovery check (pd verify on a refit of synthetic data) on constructed comparisons.
import { describe, expect, it } from "vitest";
import { SCENARIO_IDS } from "@prefdissect/data";
import { RECOVERY_THRESHOLD, recoveryOf, refitReportSection, type RefitSummary, type WeightComparison } from "../src/index.js";

/** One comparison row per Pearson value, over the scenarios in order. */
const scenarioRows = (pearsons: readonly number[], judge = "human"): WeightComparison[] =>
  pearsons.map((pearson, i) => ({ group: SCENARIO_IDS[i]!, judge, pearson, maxAbsDiff: 0.1 }));

describe("recoveryOf()", () => {
  it("holds the median Pearson of the scenario fits to 0.7, the threshold docs/refit.md gives", () => {
    expect(RECOVERY_THRESHOLD).toBe(0.7);
    expect(recoveryOf(scenarioRows([0.9, 0.8, 0.75]))).toEqual({ fits: 3, medianPearson: 0.8, threshold: 0.7, recovered: true });
  });

  it("is not recovered when the median falls below the threshold, however good the best fit", () => {
    expect(recoveryOf(scenarioRows([0.99, 0.69, 0.2]))).toEqual({ fits: 3, medianPearson: 0.69, threshold: 0.7, recovered: false });
  });

  it("counts a median exactly at the threshold as recovered", () => {
    expect(recoveryOf(scenarioRows([0.6, 0.7, 0.8]))!.recovered).toBe(true);
    // An even count averages the middle two.
    expect(recoveryOf(scenarioRows([0.6, 0.7, 0.7, 0.9]))).toMatchObject({ fits: 4, medianPearson: 0.7, recovered: true });
    expect(recoveryOf(scenarioRows([0.6, 0.69, 0.7, 0.9]))).toMatchObject({ medianPearson: 0.695, recovered: false });
  });

  it("leaves out the query-specific groups, and has no verdict without a scenario fit", () => {
    const querySpecific = (pearson: number): WeightComparison => ({ group: "w_stances", judge: "human", pearson, maxAbsDiff: 1 });
    expect(recoveryOf([...scenarioRows([0.72]), querySpecific(-1), querySpecific(-1)])).toEqual({
      fits: 1,
      medianPearson: 0.72,
      threshold: 0.7,
      recovered: true,
    });
    expect(recoveryOf([...scenarioRows([0.5]), querySpecific(1), querySpecific(1)])!.recovered).toBe(false);
    expect(recoveryOf([querySpecific(0.9)])).toBeUndefined();
    expect(recoveryOf([])).toBeUndefined();
  });
});

describe("refitReportSection()", () => {
  const summary = (synthetic: boolean): RefitSummary => ({
    format: "prefdissect.refit-summary/1",
    source: { file: "synthetic.parquet", format: "hf-parquet", rows: 5240, synthetic },
    settings: { folds: 3, seed: 0, chains: 2, warmup: 10, samples: 10, scale: 0.1, keepDraws: 2, method: "nuts" },
    judges: ["human"],
    groups: [],
    accuracyDefinition: "held-out sign agreement",
    accuracy: { human: 0.75 },
    fits: [],
    skipped: [],
  });

  it("states the recovery verdict on synthetic data only", () => {
    expect(refitReportSection(summary(true), scenarioRows([0.9, 0.8, 0.75]))).toContain("**0.800** (threshold 0.7: recovered)");
    expect(refitReportSection(summary(true), scenarioRows([0.5, 0.6, 0.65]))).toContain("**0.600** (threshold 0.7: NOT recovered)");
    expect(refitReportSection(summary(false), scenarioRows([0.5, 0.6, 0.65]))).not.toContain("Recovery of the generating weights");
  });
});
