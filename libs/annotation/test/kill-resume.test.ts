/**
 * Durability: a run killed with SIGKILL part-way loses at most its in-flight calls, and a plain
 * rerun finishes with exactly the outputs of a run that was never interrupted.
 */
import { spawn } from "node:child_process";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { annotateToDirectory, readPairsFile, startMockServer, type CacheRecord, type MockServer } from "../src/node.js";
import { tempDir, writeSyntheticPairs } from "./helpers.js";

const PAIRS = 24;
const CALLS_BEFORE_KILL = 30;
const child = join(import.meta.dirname, "fixtures", "annotate-child.ts");
let server: MockServer;

beforeAll(async () => {
  server = await startMockServer({ latencyMs: 15 });
});
afterAll(async () => {
  await server.close();
});

function cacheText(dir: string): string {
  const path = join(dir, "cache.jsonl");
  return existsSync(path) ? readFileSync(path, "utf8") : "";
}

function completeLines(text: string): CacheRecord[] {
  const lines = text.split("\n");
  lines.pop(); // the part after the last newline: empty, or a torn line
  return lines.map((line) => JSON.parse(line) as CacheRecord);
}

/** Starts the child, kills it with SIGKILL once the cache holds `lines` records. */
function runAndKill(pairsPath: string, outDir: string, lines: number): Promise<{ killed: boolean }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ["--conditions=@prefdissect/source", "--import", "tsx", child, server.url, pairsPath, outDir], {
      cwd: join(import.meta.dirname, ".."),
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    proc.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setInterval(() => {
      if (cacheText(outDir).split("\n").length - 1 >= lines) {
        clearInterval(timer);
        proc.kill("SIGKILL");
      }
    }, 10);
    proc.on("error", reject);
    proc.on("exit", (code, signal) => {
      clearInterval(timer);
      if (signal === "SIGKILL") resolve({ killed: true });
      else reject(new Error(`child exited before it was killed (code ${code}): ${stderr}`));
    });
  });
}

describe("a run killed mid-way and resumed", () => {
  it("loses and duplicates nothing, and ends with the same outputs as an uninterrupted run", async () => {
    const inputDir = tempDir();
    const pairsPath = writeSyntheticPairs(inputDir, PAIRS);
    const pairs = readPairsFile(pairsPath);
    const options = { pairs, model: "mock", baseURL: server.url, apiKey: "none", concurrency: 3 };

    const interrupted = tempDir();
    await runAndKill(pairsPath, interrupted, CALLS_BEFORE_KILL);
    const beforeResume = completeLines(cacheText(interrupted));
    expect(beforeResume.length).toBeGreaterThanOrEqual(CALLS_BEFORE_KILL);
    expect(existsSync(join(interrupted, "pairs.jsonl"))).toBe(false);
    // A write cut short by the kill leaves a torn last line; make sure there is one to repair.
    appendFileSync(join(interrupted, "cache.jsonl"), '{"key":"0123","status":"ok","te');

    const resumed = await annotateToDirectory({ ...options, outDir: interrupted });
    expect(resumed.cache.tornBytes).toBeGreaterThan(0);
    expect(resumed.complete).toBe(PAIRS);
    expect(resumed.calls.failed).toBe(0);
    expect(resumed.calls.skipped).toBe(beforeResume.length);

    const finalLines = completeLines(cacheText(interrupted));
    expect(cacheText(interrupted).endsWith("\n")).toBe(true);
    const okKeys = finalLines.filter((line) => line.status === "ok").map((line) => line.key);
    expect(new Set(okKeys).size).toBe(okKeys.length); // nothing duplicated
    for (const line of beforeResume) expect(okKeys).toContain(line.key); // nothing lost
    expect(okKeys.length).toBe(beforeResume.length + resumed.calls.done);

    const uninterrupted = tempDir();
    const reference = await annotateToDirectory({ ...options, outDir: uninterrupted });
    expect(reference.complete).toBe(PAIRS);
    for (const name of ["pairs.jsonl", "features.jsonl"]) {
      expect(readFileSync(join(interrupted, name), "utf8")).toBe(readFileSync(join(uninterrupted, name), "utf8"));
    }
    const referenceKeys = completeLines(cacheText(uninterrupted))
      .map((line) => line.key)
      .sort();
    expect([...okKeys].sort()).toEqual(referenceKeys);
  });
});
