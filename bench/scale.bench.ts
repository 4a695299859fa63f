/**
 * The cost-growth table of the data path: wall time and peak memory (RSS) of `pd synth`,
 * `pd features` and `pd refit --fast --judges human` at 5,240, 52,400, 209,600 and 1,048,000
 * synthetic pairs (two judges labelled), each step a fresh process, with the refit's CPU time over
 * all its threads (above its wall time when the folds run on both cores); the memory the compact dataset
 * takes per pair; and one paper-setting NUTS fit on 100,000 rows with the linear projection of the
 * paper's grid from it. Prints numbers, asserts nothing.
 *
 *   make bench-scale
 *   BENCH_PAIRS=5240,52400 BENCH_NUTS_ROWS=0 npx tsx --conditions=@prefdissect/source bench/scale.bench.ts
 *
 * BENCH_PAIRS: comma-separated sizes (default all four, empty for none); BENCH_NUTS_ROWS: rows of
 * the NUTS fit (default 100000, 0 to skip); BENCH_DIR: where the files go (default a temporary
 * folder, removed).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { JUDGE_IDS, createCompactBuilder, generatePairs, type CompactDataset } from "@prefdissect/data";
import { loadCompactDataset, loadReleasedWeights } from "@prefdissect/data/node";
import { createFitPool } from "@prefdissect/regression/node";
import { PAPER_REFIT_SETTINGS } from "@prefdissect/refit/node";

const sizes = (process.env.BENCH_PAIRS ?? "5240,52400,209600,1048000").split(",").filter(Boolean).map(Number);
const nutsRows = Number(process.env.BENCH_NUTS_ROWS ?? 100_000);
const dir = process.env.BENCH_DIR ?? mkdtempSync(join(tmpdir(), "pd-bench-scale-"));
const STEP = join(import.meta.dirname, "scale-step.ts");
const GB = 1024 ** 3;

interface Measured {
  readonly seconds: number;
  readonly peakRssBytes: number;
  readonly cpuSeconds: number;
}

/** Runs `pd <args>` in a fresh process; its time and peak RSS. */
function step(args: readonly string[]): Measured {
  const rssFile = join(dir, "rss.json");
  rmSync(rssFile, { force: true });
  const started = performance.now();
  const run = spawnSync(process.execPath, ["--import", "tsx", "--conditions=@prefdissect/source", STEP, ...args], {
    env: { ...process.env, PD_BENCH_RSS_FILE: rssFile },
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
  });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`pd ${args.join(" ")} failed (${run.status}):\n${run.stderr}`);
  return { seconds, ...(JSON.parse(readFileSync(rssFile, "utf8")) as { peakRssBytes: number; cpuSeconds: number }) };
}

/** Bytes the compact dataset holds, per pair. */
function compactBytesPerPair(dataset: CompactDataset): number {
  let bytes = dataset.features.byteLength + dataset.excluded.byteLength;
  for (const members of dataset.groups.values()) bytes += members.byteLength;
  for (const labels of dataset.labels.values()) bytes += labels.byteLength;
  return bytes / dataset.size;
}

const cell = (m: Measured) => `${m.seconds.toFixed(1).padStart(7)} s ${(m.peakRssBytes / GB).toFixed(2).padStart(5)} GB`;
console.log(`Scale benchmark: ${cpus().length} cores, ${(totalmem() / GB).toFixed(0)} GiB; files in ${dir}`);
console.log("Synthetic pairs labelled by human and gpt-4-1106-preview; each step a fresh process (time = wall, memory = peak RSS).");
console.log("The machine may be shared: wall times are upper bounds when other work runs.\n");
if (sizes.length > 0) {
  console.log(`| pairs | pd synth | pd features | pd refit --fast --judges human (16 groups × 10 folds) | refit CPU, all threads | compact B/pair |`);
  console.log(`|---|---|---|---|---|---|`);
}
for (const pairs of sizes) {
  const data = join(dir, `synthetic-${pairs}.parquet`);
  const synth = step(["synth", "--seed", "0", "--pairs", String(pairs), "--judges", "human,gpt-4-1106-preview", "--out", data]);
  const features = step(["features", "--data", data, "--out", join(dir, `features-${pairs}.jsonl`)]);
  const refitDir = join(dir, `refit-${pairs}`);
  const refit = step(["refit", "--fast", "--judges", "human", "--data", data, "--out", refitDir]);
  const dataset = await loadCompactDataset({ data });
  console.log(
    `| ${pairs.toLocaleString("en")} (${(statSync(data).size / 1e6).toFixed(1)} MB) | ${cell(synth)} | ${cell(features)} | ${cell(refit)} | ${refit.cpuSeconds.toFixed(1)} s | ${compactBytesPerPair(dataset).toFixed(1)} |`,
  );
}

if (nutsRows > 0) {
  // One fit at paper settings on `nutsRows` usable synthetic rows (drawn here), on one worker.
  const builder = createCompactBuilder();
  const weights = await loadReleasedWeights();
  for (const pair of generatePairs({ weights, seed: 0, pairs: Math.ceil(nutsRows * 1.1), judges: ["human"] })) builder.addPair(pair);
  const dataset = builder.finish({ format: "hf-parquet", file: "(synthetic)", rows: builder.size, synthetic: true, schemaDifferences: [], warnings: [] });
  const labels = dataset.labels.get("human")!;
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < dataset.size && X.length < nutsRows; i++) {
    if (dataset.excluded[i] === 1) continue;
    X.push(Array.from(dataset.features.subarray(i * 29, i * 29 + 29)));
    y.push(labels[i]!);
  }
  const { chains, warmup, samples, scale, seed } = PAPER_REFIT_SETTINGS;
  const pool = createFitPool({ workers: 1 });
  const started = performance.now();
  const fit = await pool.fit({ X, y }, { chains, warmup, samples, scale, seed });
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  const perRow = seconds / X.length;
  console.log(`\nNUTS at paper settings (${chains} chains × (${warmup} + ${samples})), one worker, ${X.length.toLocaleString("en")} rows:`);
  console.log(`  ${seconds.toFixed(0)} s (max R-hat ${fit.diagnostics.maxRhat.toFixed(3)}), ${(perRow * 1e3).toFixed(2)} ms per row`);
  // A k-fold fit trains each fold on (k − 1)/k of a group's rows; the groups of a judge hold each
  // pair once as a scenario plus once per query-specific case it falls in.
  const memberships = [...dataset.groups.values()].reduce((sum, members) => sum + members.length, 0) / dataset.size;
  console.log(`  projection (linear in rows; ${memberships.toFixed(2)} group memberships per pair, 10 folds × 0.9 of the rows each):`);
  console.log(`  | pairs | one judge (16 groups × 10 folds), one worker | all ${JUDGE_IDS.length} judges, 2 workers |`);
  console.log(`  |---|---|---|`);
  for (const pairs of [5240, 52_400, 209_600, 1_048_000]) {
    const judgeSeconds = perRow * pairs * memberships * 9;
    console.log(`  | ${pairs.toLocaleString("en")} | ${(judgeSeconds / 3600).toFixed(1)} h | ${((judgeSeconds * JUDGE_IDS.length) / 2 / 3600).toFixed(0)} h |`);
  }
}
if (process.env.BENCH_DIR === undefined) rmSync(dir, { recursive: true, force: true });
