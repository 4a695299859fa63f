/**
 * Resuming an annotation run on a large cache: the time `AnnotationCache.open` takes to find what
 * is done, and the process's peak RSS, on a synthetic cache of BENCH_RECORDS records (default
 * 1,000,000; one line per finished call, answers of realistic size). Each measurement runs in a
 * child process of its own, so the RSS is the cache's alone. Prints, asserts nothing.
 *
 *   npx tsx --conditions=@prefdissect/source bench/annotation-resume.bench.ts   (BENCH_RECORDS=200000 for a quick look)
 *
 * BENCH_CACHE=<file> keeps the synthetic cache there and reuses it on the next run (writing a
 * million records takes a minute or two), e.g. to compare two versions of the cache on one file.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { PROMPT_IDS, promptProperties } from "@prefdissect/annotation";
import { AnnotationCache, type CacheRecord } from "@prefdissect/annotation/node";

const keyOf = (i: number) => createHash("sha256").update(`bench-call-${i}`).digest("hex");

/** One record in the shape a live run writes; every 50th call failed (the next run retries it). */
function recordOf(i: number): CacheRecord {
  const promptId = PROMPT_IDS[i % PROMPT_IDS.length]!;
  const base = {
    key: keyOf(i),
    pairId: `pair-${Math.floor(i / PROMPT_IDS.length)}`,
    promptId,
    promptVersion: 1,
    model: "gpt-4o-mini-2024-07-18",
    params: { temperature: 0, topP: 1, seed: 0, maxTokens: 1024, json: true },
    attempts: 1,
    via: "chat" as const,
    finishedAt: "2026-01-01T00:00:00.000Z",
  };
  // Answers the size of the basic prompts' ratings (29 properties, a short reason each).
  const answer = Object.fromEntries(promptProperties("basic-query-aware").map((p, k) => [p.key, { score: (i + k) % 4, reason: "mostly satisfied" }]));
  const text = JSON.stringify(answer);
  if (i % 50 === 49) return { ...base, status: "failed", reason: "the answer was not valid JSON", raw: text.slice(0, 200) };
  return { ...base, status: "ok", text, answer, repaired: [], usage: { input: 900, output: 400 }, jsonMode: true };
}

function writeCache(path: string, records: number): void {
  const fd = openSync(path, "w");
  let chunk: string[] = [];
  for (let i = 0; i < records; i++) {
    chunk.push(JSON.stringify(recordOf(i)));
    if (chunk.length === 10_000 || i === records - 1) {
      writeSync(fd, `${chunk.join("\n")}\n`);
      chunk = [];
    }
  }
  closeSync(fd);
}

/**
 * In the child: open the cache and ask it which calls are done (the start-up of a resumed run),
 * then read every finished answer back, as the run does while it works through the pairs.
 */
function child(path: string, records: number): void {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const cache = AnnotationCache.open(path, { sync: false });
  const opened = performance.now();
  const openCpu = process.cpuUsage(cpuBefore);
  let done = 0;
  for (let i = 0; i < records; i++) if (cache.status(keyOf(i)) === "ok") done++;
  const checked = performance.now();
  const startupRssMB = process.memoryUsage().rss / 2 ** 20;
  let answers = 0;
  for (let i = 0; i < records; i++) {
    const record = cache.get(keyOf(i));
    if (record?.status === "ok" && typeof record.answer === "object") answers++;
  }
  const read = performance.now();
  cache.close();
  const seconds = (from: number, to: number) => (to - from) / 1000;
  process.stdout.write(
    JSON.stringify({
      openSeconds: seconds(started, opened),
      openCpuSeconds: (openCpu.user + openCpu.system) / 1e6,
      checkSeconds: seconds(opened, checked),
      readSeconds: seconds(checked, read),
      done,
      answers,
      startupRssMB,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
    }) + "\n",
  );
}

if (process.argv[2] === "--child") {
  child(process.argv[3]!, Number(process.argv[4]));
} else {
  const records = Number(process.env.BENCH_RECORDS ?? 1_000_000);
  const kept = process.env.BENCH_CACHE;
  const dir = kept === undefined ? mkdtempSync(join(tmpdir(), "pd-bench-cache-")) : undefined;
  const path = kept ?? join(dir!, "cache.jsonl");
  const line = (label: string, value: string) => console.log(`  ${label.padEnd(44)} ${value}`);
  console.log(
    `Annotation resume benchmark: ${records.toLocaleString("en")} cached calls; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores\n`,
  );
  const t0 = performance.now();
  const reuse = kept !== undefined && existsSync(kept);
  if (!reuse) writeCache(path, records);
  const size = `${(statSync(path).size / 2 ** 20).toFixed(0)} MiB`;
  line("synthetic cache", reuse ? `${size}, reused from ${kept}` : `${size}, written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  try {
    const out = execFileSync(process.execPath, [...process.execArgv, import.meta.filename, "--child", path, String(records)], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    const result = JSON.parse(out.trim().split("\n").pop()!) as Record<
      "openSeconds" | "openCpuSeconds" | "checkSeconds" | "readSeconds" | "done" | "answers" | "startupRssMB" | "peakRssMB",
      number
    >;
    line("start-up: open the cache", `${result.openSeconds.toFixed(1)} s wall, ${result.openCpuSeconds.toFixed(1)} s CPU (target ≤ 30 s)`);
    line("start-up: which calls are done", `${result.checkSeconds.toFixed(1)} s, ${result.done.toLocaleString("en")} done`);
    line("RSS after start-up", `${result.startupRssMB.toFixed(0)} MB (target ≤ 1,024 MB)`);
    line("then: read every answer back", `${result.readSeconds.toFixed(1)} s, ${result.answers.toLocaleString("en")} answers`);
    line("peak RSS, answers read included", `${result.peakRssMB.toFixed(0)} MB`);
  } catch (error) {
    const failed = error as { status?: number; stderr?: string };
    const reason = (failed.stderr ?? "").split("\n").find((l) => /Error|heap|string longer/.test(l)) ?? "";
    line("open", `FAILED (exit ${failed.status}): ${reason.trim()}`);
  } finally {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  }
}
