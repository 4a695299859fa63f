/**
 * Wall time of the full refit (33 judges × 16 groups × 10 folds, paper settings) on this machine,
 * projected from a sample of judge × group jobs, and the fast path (exact posterior mode per fold)
 * measured on the whole grid, with its deviation from the paper-setting fits. Prints, asserts nothing.
 *
 *   npx tsx --conditions=@prefdissect/source bench/refit.bench.ts     (BENCH_JOBS=6 sampled jobs)
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GROUP_IDS, JUDGE_IDS, synthesizePairs, toFeatureDataset } from "@prefdissect/data";
import { loadReleasedWeights } from "@prefdissect/data/node";
import { createFitPool } from "@prefdissect/regression/node";
import { compareWeightSets, summariseComparison } from "@prefdissect/refit";
import { runRefit } from "@prefdissect/refit/node";

const jobsWanted = Number(process.env.BENCH_JOBS ?? 6);
const released = await loadReleasedWeights();
const dataset = toFeatureDataset({
  pairs: synthesizePairs({ weights: released, seed: 11 }),
  source: { format: "pairs-jsonl", file: "(synthetic, seed 11)", rows: 5240, synthetic: true, schemaDifferences: [], warnings: [] },
});
const line = (label: string, value: string) => console.log(`  ${label.padEnd(48)} ${value}`);

// A spread of judges and group sizes: small (121), typical (400) and large (820, 1418) groups.
const sampleJudges = ["human", "gpt-4-1106-preview", "llama-2-70b-chat"].slice(0, Math.max(1, Math.ceil(jobsWanted / 2)));
const sampleGroups = ["Communication", "w_constraints", "Knowledge-aware", "express_feeling"].slice(0, Math.max(1, Math.ceil(jobsWanted / sampleJudges.length)));
const grid = JUDGE_IDS.length * GROUP_IDS.length;
const rowsOf = (group: string) => dataset.rows.filter((r) => r.groups.includes(group) && !r.excluded).length;
const gridRows = GROUP_IDS.reduce((s, g) => s + rowsOf(g), 0) * JUDGE_IDS.length;
const sampleRows = sampleGroups.reduce((s, g) => s + rowsOf(g), 0) * sampleJudges.length;

console.log(`Refit benchmark on synthetic data (5,240 pairs); machine: ${(await import("node:os")).cpus().length} cores\n`);
console.log(`1. Paper settings (10 folds × 4 chains × (500 + 2000)), 2-worker pool, ${sampleJudges.length * sampleGroups.length} sampled jobs`);
const pool = createFitPool({ workers: 2 });
const t0 = performance.now();
const paper = await runRefit({ dataset, outDir: mkdtempSync(join(tmpdir(), "pd-bench-refit-")), judges: sampleJudges, groups: sampleGroups, fitter: pool, concurrency: 2 });
const seconds = (performance.now() - t0) / 1000;
await pool.close();
line("sampled jobs", `${paper.fitted} jobs, ${sampleRows} rows in all, ${seconds.toFixed(1)} s`);
// A job's cost grows slowly with its rows (tree depth, not n, dominates). Fit seconds = a + b·rows
// over the sampled jobs, predict every job of the grid, and rescale by the sample's measured wall
// time per job-second so that running two jobs at once on the pool is accounted for.
const samples = sampleJudges.flatMap((j) => sampleGroups.map((g) => paper.entries.get(j)!.get(g)!));
const meanRows = samples.reduce((s, e) => s + e.rows, 0) / samples.length;
const meanSeconds = samples.reduce((s, e) => s + e.seconds, 0) / samples.length;
const slope =
  samples.reduce((s, e) => s + (e.rows - meanRows) * (e.seconds - meanSeconds), 0) /
  Math.max(1e-9, samples.reduce((s, e) => s + (e.rows - meanRows) ** 2, 0));
const predict = (rows: number) => meanSeconds + slope * (rows - meanRows);
const wallPerJobSecond = seconds / samples.reduce((s, e) => s + e.seconds, 0);
const gridJobSeconds = GROUP_IDS.reduce((s, g) => s + predict(rowsOf(g)), 0) * JUDGE_IDS.length;
line("job cost model", `${meanSeconds.toFixed(1)} s at ${meanRows.toFixed(0)} rows, ${(slope * 100).toFixed(2)} s per 100 more rows`);
line("projected full grid (33 × 16 × 10 folds)", `${((gridJobSeconds * wallPerJobSecond) / 60).toFixed(1)} min on this pool (target ≤ 45 min)`);
line("  (scaled by rows alone, an upper bound)", `${((seconds * gridRows) / sampleRows / 60).toFixed(1)} min`);

console.log("\n2. Fast path: exact posterior mode per fold, the whole grid");
const t1 = performance.now();
const fast = await runRefit({
  dataset,
  outDir: mkdtempSync(join(tmpdir(), "pd-bench-fast-")),
  settings: { method: "mode" },
  fitter: { fitKFold: () => Promise.reject(new Error("unused")) },
});
line("full grid, one thread", `${((performance.now() - t1) / 1000).toFixed(1)} s for ${fast.fitted} of ${grid} jobs`);
const deviation = summariseComparison(compareWeightSets(fast.weights, paper.weights).filter((r) => sampleJudges.includes(r.judge)));
line("fast vs paper settings (sampled jobs)", `median Pearson ${deviation.medianPearson.toFixed(3)}, largest |Δw| ${deviation.maxAbsDiff.toFixed(3)}, median max |Δw| ${deviation.medianMaxAbsDiff.toFixed(3)}`);
