/**
 * Speed and size of the demo site (apps/demo/dist, built by `make demo-build`), in Debian's
 * Chromium driven by playwright-core, the site served by `python3 -m http.server` on loopback.
 * Prints numbers, asserts nothing.
 *
 *   npx tsx --conditions=@prefdissect/source bench/demo.bench.ts     (BENCH_SKIP_NUTS=1 to skip 3.)
 *
 * 1. cold first render of the dissection view: a new browser profile each run (nothing cached),
 *    from navigation start to the chart drawn; median of 5;
 * 2. adding a judge with the posterior mode (16 groups, 5,240 pairs of the bundled synthetic
 *    dataset): from the click to the judge added, dataset already loaded; median of 3;
 * 3. adding a judge at the paper's NUTS settings (16 groups × 10 folds × 4 chains of 500 + 2,000)
 *    on the page's Web Workers (one per core); one run, beside the same fit in Node (refit's
 *    fitJudge on the worker-thread pool, 2 workers), so a busy machine shows as both slowing down;
 * 4. the built site's size, raw and gzip-compressed.
 */
import { readdirSync, readFileSync, statSync, writeFileSync, mkdtempSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { median } from "@prefdissect/shared";
import { readHfParquet, toFeatureDataset } from "@prefdissect/data";
import { runJudgeFitJob, fitJudge, PAPER_JUDGE_FIT, type JudgeFitRunner } from "@prefdissect/refit";
import { summarizeChains } from "@prefdissect/regression";
import { createFitPool } from "@prefdissect/regression/node";
import { chromiumPath, DIST, launchBrowser, serveStatic } from "../apps/demo/scripts/site.js";

const line = (label: string, value: string) => console.log(`  ${label.padEnd(52)} ${value}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const load = () => `load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`;

const chromium = chromiumPath();
const site = await serveStatic();
const labels = join(mkdtempSync(join(tmpdir(), "pd-demo-bench-")), "human-labels.json");
const dataset = await readHfParquet(readFileSync(join(import.meta.dirname, "..", "apps", "demo", "generated", "synthetic.parquet")), "synthetic.parquet");
writeFileSync(labels, JSON.stringify(dataset.pairs.map((pair) => pair.labels.human)));

console.log(`Demo benchmark: ${site.url} (python3 -m http.server), Chromium ${chromium}; machine: ${cpus().length} cores\n`);

console.log(`At the start: ${load()}\n`);
console.log("1. Cold first render of ?view=dissection (new profile each run)");
const renders: number[] = [];
for (let run = 0; run < 5; run++) {
  const browser = await launchBrowser(chromium);
  const page = await browser.context.newPage();
  await page.goto(`${site.url}?view=dissection`);
  await page.waitForSelector("figure.chart[data-ready]");
  renders.push(await page.evaluate(() => performance.now()));
  await browser.close();
}
line("navigation start → chart drawn", `median ${seconds(median(renders))} (runs: ${renders.map((ms) => seconds(ms)).join(", ")})`);

/**
 * CPU seconds used so far by the processes of the browser with `profile` (user + system time from
 * /proc): unlike wall time, it does not grow when other programs compete for the cores.
 */
function browserCpuSeconds(profile: string): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(profile)) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks / 100;
}

/** Adds a judge on the add view: ms from the click to the judge being added, and the browser's CPU seconds meanwhile. */
async function addJudge(method: "mode" | "nuts", name: string, timeout: number): Promise<{ ms: number; cpu: number; outcome: string; workers: number }> {
  const browser = await launchBrowser(chromium);
  const page = await browser.context.newPage();
  await page.goto(`${site.url}?view=add`);
  await page.waitForSelector("[data-dataset]", { timeout: 60_000 });
  await page.getByLabel("Name of the judge").fill(name);
  await page.getByLabel(/^Labels file/).setInputFiles(labels);
  if (method === "nuts") await page.getByLabel(/^NUTS, the paper's settings/).check();
  const workers = await page.evaluate(() => Math.max(1, Math.min(8, navigator.hardwareConcurrency || 2)));
  const started = Date.now();
  const cpuBefore = browserCpuSeconds(browser.profile);
  await page.getByRole("button", { name: "Fit and add the judge" }).click();
  await page.waitForSelector(`[data-outcome="${name}"]`, { timeout });
  const ms = Date.now() - started;
  const cpu = browserCpuSeconds(browser.profile) - cpuBefore;
  const outcome = await page.locator(`[data-outcome="${name}"]`).innerText();
  await browser.close();
  return { ms, cpu, outcome, workers };
}

console.log("\n2. Add a judge, posterior mode (16 groups, 5,240 pairs), dataset already loaded");
const modeRuns: number[] = [];
let modeOutcome = "";
let workers = 0;
for (let run = 0; run < 3; run++) {
  const result = await addJudge("mode", `bench-mode-${run}`, 120_000);
  modeRuns.push(result.ms);
  modeOutcome = result.outcome;
  workers = result.workers;
}
line(`click → judge added (${workers} workers)`, `median ${seconds(median(modeRuns))} (runs: ${modeRuns.map((ms) => seconds(ms)).join(", ")}); target ≤ 5 s`);
line("placement", modeOutcome.replace(/\s+/g, " "));

if (process.env.BENCH_SKIP_NUTS !== "1") {
  console.log("\n3. Add a judge at the paper's NUTS settings (16 groups × 10 folds)");
  const before = load();
  const nuts = await addJudge("nuts", "bench-nuts", 30 * 60_000);
  line(
    `in the browser: click → judge added (${nuts.workers} workers)`,
    `${seconds(nuts.ms)}; target ≤ 2 min with 2 workers (${before} before, ${load()} after)`,
  );
  line(
    "  CPU time of the browser's processes",
    `${nuts.cpu.toFixed(0)} s: ${(nuts.cpu / nuts.workers).toFixed(0)} s per worker, the wall time on ${nuts.workers} free cores`,
  );
  line("placement", nuts.outcome.replace(/\s+/g, " "));
  // The same fit in Node: fitJudge with the chains run on the worker-thread pool.
  const pool = createFitPool({ workers: 2 });
  const runner: JudgeFitRunner = {
    concurrency: pool.size,
    run: async (job) =>
      job.kind === "nuts"
        ? { kind: "nuts", fit: summarizeChains(await pool.runChains(job.plan.tasks), job.plan.echo, job.plan.keepDraws) }
        : runJudgeFitJob(job),
  };
  const features = toFeatureDataset(dataset);
  const nodeStart = Date.now();
  const nodeCpu = process.cpuUsage();
  await fitJudge(features, "human", undefined, { settings: PAPER_JUDGE_FIT, runner });
  const used = process.cpuUsage(nodeCpu);
  const nodeCpuSeconds = (used.user + used.system) / 1e6;
  line(
    "in Node: fitJudge on a 2-worker thread pool",
    `${seconds(Date.now() - nodeStart)} (${load()} after); CPU ${nodeCpuSeconds.toFixed(0)} s, ${(nodeCpuSeconds / 2).toFixed(0)} s per worker`,
  );
  await pool.close();
}

console.log("\n4. Built site (apps/demo/dist)");
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
let raw = 0;
let gzip = 0;
for (const file of files(DIST)) {
  const bytes = readFileSync(file);
  raw += bytes.length;
  gzip += gzipSync(bytes, { level: 9 }).length;
}
const kB = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`;
line("all files", `${kB(raw)} raw, ${kB(gzip)} gzip-compressed`);
const firstLoad = files(join(DIST, "assets"))
  .filter((file) => /\/(index|vega)-[^/]+\.(js|css)$/.test(file))
  .reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0);
line("loaded by the first view (page scripts and styles)", `${kB(firstLoad)} gzip-compressed`);

await site.stop();
