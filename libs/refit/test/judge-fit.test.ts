import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import {
  GROUP_IDS,
  JUDGE_IDS,
  synthesizePairs,
  toFeatureDataset,
  toRegressionProblems,
  type FeatureDataset,
  type PairRecord,
  type WeightSet,
} from "@prefdissect/data";
import { loadReleasedWeights } from "@prefdissect/data/node";
import { fitKFold, fitPosteriorMode } from "@prefdissect/regression";
import { judgeProfile } from "@prefdissect/similarity";
import { fitJudge, runJudgeFitJob, SAME_THREAD_RUNNER, type JudgeFitJob, type JudgeFitProgress, type JudgeFitRunner } from "../src/index.js";
import { createFitPool } from "@prefdissect/regression/node";
import { poolJudgeFitRunner, runRefit } from "../src/node.js";
import { describeUpstream, upstreamDataDir } from "../../../vitest.upstream.js";

function featureDataset(pairs: PairRecord[], file: string): FeatureDataset {
  return toFeatureDataset({ pairs, source: { format: "pairs-jsonl", file, rows: pairs.length, synthetic: true, schemaDifferences: [], warnings: [] } });
}

/** A runner that sends every job and result through structured cloning, as postMessage does, and counts jobs. */
function clonedRunner(concurrency: number): JudgeFitRunner & { jobs: JudgeFitJob[] } {
  const jobs: JudgeFitJob[] = [];
  return {
    concurrency,
    jobs,
    async run(job) {
      jobs.push(job);
      return structuredClone(runJudgeFitJob(structuredClone(job)));
    },
  };
}

describeUpstream("fitJudge()", () => {
  let released: WeightSet;
  let small: FeatureDataset;
  beforeAll(async () => {
    released = await loadReleasedWeights({ dataDir: upstreamDataDir() });
    small = featureDataset(synthesizePairs({ weights: released, seed: 5, pairs: 1200, judges: ["human", "gpt-4-1106-preview"] }), "small.jsonl");
  });

  it("fits the exact posterior mode of all rows in every group by default, from labels given beside the dataset", async () => {
    const humanLabels = small.labels.get("human")!;
    const fit = await fitJudge(small, "my-judge", humanLabels);
    expect(fit.settings).toMatchObject({ method: "mode", folds: 1 });
    expect(fit.groups.map((entry) => entry.group)).toEqual(GROUP_IDS);
    expect([...fit.weights.keys()]).toEqual(GROUP_IDS);
    for (const group of GROUP_IDS) {
      const expected = fitPosteriorMode(toRegressionProblems(small, "human", group)).weights;
      expect(fit.weights.get(group)!.get("my-judge")).toEqual(expected);
    }
    expect(fit.intervals).toEqual([]);
    expect(fit.groups[0]!.accuracy).toBeNull();
  });

  it("with k folds gives what pd refit's posterior-mode path gives, held-out accuracy included", async () => {
    const groups = ["Code", "w_constraints"];
    const fit = await fitJudge(small, "human", undefined, { groups, settings: { method: "mode", folds: 3, seed: 4 } });
    const refit = await runRefit({
      dataset: small,
      outDir: mkdtempSync(join(tmpdir(), "pd-judge-fit-refit-")),
      judges: ["human"],
      groups,
      settings: { method: "mode", folds: 3, seed: 4 },
      runner: SAME_THREAD_RUNNER,
    });
    for (const group of groups) {
      const entry = refit.entries.get("human")!.get(group)!;
      const mine = fit.groups.find((g) => g.group === group)!;
      expect(mine.mean).toEqual(entry.mean);
      expect(mine.accuracy).toBe(entry.accuracy);
      expect(mine.rows).toBe(entry.rows);
    }
  });

  it("runs the paper's NUTS k-fold procedure job by job, through cloned messages, identical to fitKFold", async () => {
    const settings = { method: "nuts" as const, folds: 2, chains: 2, warmup: 60, samples: 60, keepDraws: 10, seed: 2 };
    const runner = clonedRunner(2);
    const progress: JudgeFitProgress[] = [];
    const fit = await fitJudge(small, "gpt-4-1106-preview", undefined, { groups: ["Advice", "Code"], settings, runner, onProgress: (p) => progress.push(p) });
    expect(runner.jobs).toHaveLength(4);
    for (const group of ["Advice", "Code"]) {
      const kfold = fitKFold(toRegressionProblems(small, "gpt-4-1106-preview", group), settings);
      const mine = fit.groups.find((g) => g.group === group)!;
      expect(mine.mean).toEqual(kfold.mean);
      expect(mine.draws).toHaveLength(20);
      expect(mine.diagnostics).not.toBeNull();
    }
    expect(fit.intervals).toHaveLength(2 * 29);
    expect(fit.intervals[0]).toMatchObject({ judge: "gpt-4-1106-preview", group: expect.any(String), propertyIndex: 0 });
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4]);
    expect(progress.at(-1)).toMatchObject({ total: 4, workDone: progress.at(-1)!.workTotal });
  });

  it("runs NUTS jobs on worker threads through poolJudgeFitRunner with the same result", async () => {
    const settings = { method: "nuts" as const, folds: 2, chains: 2, warmup: 60, samples: 60, keepDraws: 10, seed: 2 };
    const pool = createFitPool({ workers: 2 });
    try {
      const fit = await fitJudge(small, "human", undefined, { groups: ["Advice"], settings, runner: poolJudgeFitRunner(pool) });
      expect(fit.groups[0]!.mean).toEqual(fitKFold(toRegressionProblems(small, "human", "Advice"), settings).mean);
      const mode = await fitJudge(small, "human", undefined, { groups: ["Advice"], runner: poolJudgeFitRunner(pool) });
      expect(mode.groups[0]!.mean).toEqual(fitPosteriorMode(toRegressionProblems(small, "human", "Advice")).weights);
    } finally {
      await pool.close();
    }
  });

  it("runs a posterior-mode refit's folds on the pool's workers, several at once, with the same result as on this thread", async () => {
    const pool = createFitPool({ workers: 2 });
    let calls = 0;
    let running = 0;
    let mostAtOnce = 0;
    const counted: Parameters<typeof poolJudgeFitRunner>[0] = {
      size: pool.size,
      runChains: (tasks) => pool.runChains(tasks),
      fitMode: async (problem, options) => {
        calls++;
        mostAtOnce = Math.max(mostAtOnce, ++running);
        try {
          return await pool.fitMode(problem, options);
        } finally {
          running--;
        }
      },
    };
    const run = (runner: JudgeFitRunner) =>
      runRefit({
        dataset: small,
        outDir: mkdtempSync(join(tmpdir(), "pd-judge-fit-pool-")),
        judges: ["human"],
        groups: ["Advice", "Code"],
        settings: { method: "mode", folds: 5 },
        runner,
      });
    try {
      const pooled = await run(poolJudgeFitRunner(counted));
      expect(calls).toBe(10);
      expect(mostAtOnce).toBeGreaterThan(1);
      expect(pooled.weights).toEqual((await run(SAME_THREAD_RUNNER)).weights);
    } finally {
      await pool.close();
    }
  });

  it("stops handing out jobs when cancelled and rejects with a cancelled error", async () => {
    const controller = new AbortController();
    const runner = clonedRunner(1);
    const run = fitJudge(small, "human", undefined, { runner, signal: controller.signal, onProgress: (p) => p.done === 2 && controller.abort() });
    await expect(run).rejects.toMatchObject({ code: "cancelled", message: 'the fit of judge "human" was cancelled' });
    expect(runner.jobs).toHaveLength(2);
  });

  it("skips groups with fewer usable pairs than folds and refuses labels of the wrong length", async () => {
    const tiny = featureDataset(synthesizePairs({ weights: released, seed: 1, pairs: 120, judges: ["human"] }), "tiny.jsonl");
    const fit = await fitJudge(tiny, "human", undefined, { settings: { folds: 10 } });
    expect(fit.skipped.length).toBeGreaterThan(0);
    expect(fit.skipped[0]!.reason).toMatch(/^only \d usable pairs for 10 folds$/);
    expect(fit.groups.length + fit.skipped.length).toBe(16);
    await expect(fitJudge(tiny, "x", ["A", "B"])).rejects.toMatchObject({ code: "length-mismatch" });
  });
});

describeUpstream("an added judge with the synthetic dataset's Human labels", () => {
  it("is placed with Human as its most similar judge, at about 0.78", async () => {
    const released = await loadReleasedWeights({ dataDir: upstreamDataDir() });
    const synthetic = featureDataset(synthesizePairs({ weights: released, seed: 0, judges: ["human"] }), "synthetic.parquet");
    const fit = await fitJudge(synthetic, "human-again", synthetic.labels.get("human"));
    const weights = new Map([...released].map(([group, judges]) => [group, new Map([...judges, ...fit.weights.get(group)!])]));
    const profile = judgeProfile(weights, "human-again", { others: JUDGE_IDS });
    expect(profile.mostSimilar[0]!.judge).toBe("human");
    expect(profile.mostSimilar[0]!.similarity).toBeGreaterThan(0.74);
    expect(profile.mostSimilar[0]!.similarity).toBeLessThan(0.84);
    expect(profile.mostSimilar[1]!.similarity).toBeLessThan(profile.mostSimilar[0]!.similarity - 0.05);
  });
});
