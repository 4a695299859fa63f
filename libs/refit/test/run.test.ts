import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { synthesizePairs, toFeatureDataset, type FeatureDataset, type WeightSet } from "@prefdissect/data";
import { loadReleasedWeights, readWeightsDirectory } from "@prefdissect/data/node";
import { pearson } from "@prefdissect/similarity";
import { describeUpstream, upstreamDataDir } from "../../../vitest.upstream.js";
import { runJudgeFitJob, type JudgeFitRunner } from "../src/index.js";
import { fitPath, readFitDraws, readRefitIntervals, readRefitSummary, runRefit } from "../src/node.js";

/** Single-thread runner with a call counter, so tests can see what was refitted. */
function countingRunner(): JudgeFitRunner & { calls: number } {
  const runner = {
    calls: 0,
    concurrency: 2,
    async run(job: Parameters<JudgeFitRunner["run"]>[0]) {
      runner.calls++;
      return runJudgeFitJob(job);
    },
  };
  return runner;
}

describeUpstream("runRefit() on synthetic data", () => {
  const judges = ["human", "gpt-4-1106-preview"];
  let released: WeightSet;
  let dataset: FeatureDataset;
  beforeAll(async () => {
    released = await loadReleasedWeights({ dataDir: upstreamDataDir() });
    dataset = toFeatureDataset({
      pairs: synthesizePairs({ weights: released, seed: 3, judges }),
      source: { format: "pairs-jsonl", file: "(synthetic)", rows: 5240, synthetic: true, schemaDifferences: [], warnings: [] },
    });
  });
  const groups = ["Communication", "Knowledge-aware"];
  const settings = { folds: 3, chains: 2, warmup: 150, samples: 150, keepDraws: 20 };

  it("fits, writes the released layout, resumes without refitting and recomputes a corrupted entry", async () => {
    const outDir = mkdtempSync(join(tmpdir(), "pd-refit-out-"));
    const runner = countingRunner();
    const first = await runRefit({ dataset, outDir, judges, groups, settings, runner });
    // 2 judges × 2 groups × 3 folds, one job each.
    expect(first.fitted).toBe(12);
    expect(runner.calls).toBe(12);

    // The draws the manipulation toolkit reads back are the entry's: the folds' kept draws in fold order.
    const kept = first.entries.get("human")!.get("Communication")!.draws;
    expect(kept).toHaveLength(3 * 20);
    expect(await readFitDraws(outDir, "human", "Communication")).toEqual(kept);

    const back = await readWeightsDirectory(first.weightsDir!);
    expect([...back.keys()].sort()).toEqual([...groups].sort());
    expect(back.get("Communication")!.get("human")).toHaveLength(29);

    // Recovery: labels were drawn from the released weights; with 400–820 pairs per scenario and
    // the Laplace(0, 0.1) prior shrinking small weights, the refit keeps the released pattern.
    for (const judge of judges) {
      for (const group of groups) {
        expect(pearson(back.get(group)!.get(judge)!, released.get(group)!.get(judge)!)).toBeGreaterThan(0.5);
      }
    }

    const summary = await readRefitSummary(outDir);
    expect(summary.format).toBe("prefdissect.refit-summary/1");
    expect(summary.source.synthetic).toBe(true);
    expect(summary.accuracy.human).toBeGreaterThan(0.55);
    const intervals = await readRefitIntervals(outDir);
    expect(intervals.preference).toHaveLength(4 * 29);
    expect(intervals.similarity).toHaveLength(1);
    const p = intervals.preference[0]!;
    expect(p.low).toBeLessThanOrEqual(p.mean);
    expect(p.high).toBeGreaterThanOrEqual(p.mean);

    const second = await runRefit({ dataset, outDir, judges, groups, settings, runner });
    expect(second.fitted).toBe(0);
    expect(second.reused).toBe(12);
    expect(runner.calls).toBe(12);

    const damaged = fitPath(outDir, "human", "Communication", 1);
    writeFileSync(damaged, readFileSync(damaged, "utf8").slice(0, 100));
    const notes: string[] = [];
    const third = await runRefit({ dataset, outDir, judges, groups, settings, runner, onProgress: (p) => p.note && notes.push(p.note) });
    expect(third.fitted).toBe(1);
    expect(notes.join()).toMatch(/not valid JSON/);
    expect(third.weights.get("Communication")!.get("human")).toEqual(first.weights.get("Communication")!.get("human"));
  });

  it("runs the posterior-mode fast path without draws", async () => {
    const outDir = mkdtempSync(join(tmpdir(), "pd-refit-fast-"));
    const result = await runRefit({
      dataset,
      outDir,
      judges: ["human"],
      groups: ["Communication"],
      settings: { method: "mode", folds: 10 },
      runner: countingRunner(),
    });
    const fast = result.weights.get("Communication")!.get("human")!;
    expect(pearson(fast, released.get("Communication")!.get("human")!)).toBeGreaterThan(0.5);
    expect(result.entries.get("human")!.get("Communication")!.draws).toEqual([]);
  });

  it("fits one fold on every row and reports its accuracy as absent", async () => {
    const outDir = mkdtempSync(join(tmpdir(), "pd-refit-one-fold-"));
    const groups = ["Communication"];
    const result = await runRefit({ dataset, outDir, judges: ["human"], groups, settings: { ...settings, folds: 1 }, runner: countingRunner() });
    const entry = result.entries.get("human")!.get("Communication")!;
    expect(entry.folds).toHaveLength(1);
    expect(entry.folds[0]!.heldOut).toEqual([]);
    expect(entry.accuracy).toBeNull();
    expect(entry.heldOutRows).toBe(0);
    // Trained on all of the group's usable rows: the mean is the single fold's posterior mean.
    expect(entry.mean).toEqual(entry.folds[0]!.mean);
    const summary = JSON.parse(readFileSync(join(outDir, "summary.json"), "utf8"));
    expect(summary.accuracy).toEqual({ human: null });
    expect(summary.fits[0].accuracy).toBeNull();
    expect(summary.accuracyDefinition).toMatch(/^not available: one fold/);

    const mode = await runRefit({
      dataset,
      outDir: mkdtempSync(join(tmpdir(), "pd-refit-one-mode-")),
      judges: ["human"],
      groups,
      settings: { method: "mode", folds: 1 },
      runner: countingRunner(),
    });
    expect(mode.entries.get("human")!.get("Communication")!.accuracy).toBeNull();
  });
});
