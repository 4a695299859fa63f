/**
 * Wall time of the full refit (33 judges × 16 groups × 10 folds, paper settings) on this machine,
 * projected from a sample of judge × group jobs, and the fast path (exact posterior mode per fold)
 * measured on the whole grid, with its deviation from the paper-setting fits. Prints, asserts nothing.
 *
 *   npx tsx --conditions=@prefdissect/source bench/refit.bench.ts     (BENCH_JUDGES=1 judges sampled)
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GROUP_IDS, JUDGE_IDS, synthesizePairs, toFeatureDataset } from "@prefdissect/data";
import { loadReleasedWeights } from "@prefdissect/data/node";
import { createFitPool } from "@prefdissect/regression/node";
import { compareWeightSets, SAME_THREAD_RUNNER, summariseComparison, type JudgeFitRunner } from "@prefdissect/refit";
import { poolJudgeFitRunner, runRefit } from "@prefdissect/refit/node";

const released = await loadReleasedWeights();
const dataset = toFeatureDataset({
  pairs: synthesizePairs({ weights: released, seed: 11 }),
  source: { format: "pairs-jsonl", file: "(synthetic, seed 11)", rows: 5240, synthetic: true, schemaDifferences: [], warnings: [] },
});
const line = (label: string, value: string) => console.log(`  ${label.padEnd(48)} ${value}`);

// Cost depends on the group (its size and how hard its posterior is to sample), hardly on the
// judge: so fit every group for a few judges and scale by the number of judges.
const sampleJudges = ["human", "gpt-4-1106-preview", "llama-2-70b-chat"].slice(0, Math.max(1, Number(process.env.BENCH_JUDGES ?? 1)));
const sampleGroups = [...GROUP_IDS];
const grid = JUDGE_IDS.length * GROUP_IDS.length;

console.log(`Refit benchmark on synthetic data (5,240 pairs); machine: ${(await import("node:os")).cpus().length} cores\n`);
console.log(`1. Paper settings (10 folds × 4 chains × (500 + 2000)), 2-worker pool: all 16 groups for ${sampleJudges.length} judge(s)`);
const pool = createFitPool({ workers: 2 });
const t0 = performance.now();
const paper = await runRefit({
  dataset,
  outDir: mkdtempSync(join(tmpdir(), "pd-bench-refit-")),
  judges: sampleJudges,
  groups: sampleGroups,
  runner: poolJudgeFitRunner(pool),
});
const seconds = (performance.now() - t0) / 1000;
await pool.close();
line("sampled jobs", `${paper.fitted} folds (${sampleJudges.join(", ")}), ${seconds.toFixed(1)} s wall`);
line("projected full grid (33 × 16 × 10 folds)", `${((seconds * JUDGE_IDS.length) / sampleJudges.length / 60).toFixed(1)} min on this pool (target ≤ 45 min)`);

console.log("\n2. Fast path: exact posterior mode per fold, the whole grid, on one thread and on the 2-worker pool");
const fastRun = async (runner: JudgeFitRunner) => {
  const started = performance.now();
  const result = await runRefit({ dataset, outDir: mkdtempSync(join(tmpdir(), "pd-bench-fast-")), settings: { method: "mode" }, runner });
  return { result, seconds: (performance.now() - started) / 1000 };
};
const oneThread = await fastRun(SAME_THREAD_RUNNER);
line("full grid, one thread", `${oneThread.seconds.toFixed(1)} s for ${oneThread.result.fitted / 10} of ${grid} judge × group fits`);
const fastPool = createFitPool({ workers: 2 });
const pooled = await fastRun(poolJudgeFitRunner(fastPool));
await fastPool.close();
line("full grid, 2-worker pool", `${pooled.seconds.toFixed(1)} s (${(oneThread.seconds / pooled.seconds).toFixed(2)}× one thread)`);
const fast = pooled.result;
const deviation = summariseComparison(compareWeightSets(fast.weights, paper.weights).filter((r) => sampleJudges.includes(r.judge)));
line(
  "fast vs paper settings (sampled jobs)",
  `median Pearson ${deviation.medianPearson.toFixed(3)}, largest |Δw| ${deviation.maxAbsDiff.toFixed(3)}, median max |Δw| ${deviation.medianMaxAbsDiff.toFixed(3)}`,
);
