/**
 * End to end: the authors' raw sample pairs (upstream files, through the fetcher) or made-up
 * pairs → loopback server → PairRecords and comparison features, live and through the Batch API.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PairRecordSchema } from "@prefdissect/data";
import { fetchArtifacts } from "@prefdissect/data/node";
import { annotateToDirectory, readPairsFile, startMockServer, type MockServer } from "../src/node.js";
import { ASSUMED_OUTPUT_TOKENS, estimateRun, estimateTokens, parsePairsFile, type AnnotationInput } from "../src/index.js";
import { describeUpstream, upstreamDataDir } from "../../../vitest.upstream.js";
import { fastRetry, syntheticPairs, tempDir } from "./helpers.js";

let server: MockServer;

beforeAll(async () => {
  server = await startMockServer();
});
afterAll(async () => {
  await server.close();
});

const read = (dir: string, name: string) => readFileSync(join(dir, name), "utf8");
const lines = (dir: string, name: string) =>
  read(dir, name)
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describeUpstream("annotating the authors' sample pairs", () => {
  let sample: AnnotationInput[];
  beforeAll(async () => {
    // Through the fetcher, from the verified copies the test run prepared.
    const [path] = await fetchArtifacts(["sample-unannotated"], { dataDir: upstreamDataDir() });
    sample = readPairsFile(path!);
  });

  it("runs all the way to comparison features", async () => {
    expect(sample.map((pair) => pair.id)).toEqual(["0", "1"]);
    const outDir = tempDir();
    const summary = await annotateToDirectory({
      pairs: sample,
      outDir,
      model: "gpt-4o-mini",
      baseURL: server.url,
      apiKey: "none",
      retry: fastRetry(),
      syncCache: false,
    });
    expect(summary).toMatchObject({ pairs: 2, complete: 2, incomplete: [] });
    expect(summary.calls.failed).toBe(0);
    expect(summary.cost).toBeGreaterThan(0);
    const records = lines(outDir, "pairs.jsonl");
    expect(records.map((record) => PairRecordSchema.safeParse(record).success)).toEqual([true, true]);
    expect(records[0]).toMatchObject({ id: "0", scenario: "Functional Writing", labels: { human: "B" }, responseA: { words: 144 } });
    const features = lines(outDir, "features.jsonl");
    expect(features.map((line) => Object.keys(line))).toEqual([
      ["index", "groups", "features", "excluded"],
      ["index", "groups", "features", "excluded"],
    ]);
    expect(features.every((line) => (line.features as number[]).length === 29)).toBe(true);
    expect((features[0]?.groups as string[])[0]).toBe("Functional Writing");
    // lengthy: 144 vs 64 words → A is the longer response.
    expect((features[0]?.features as number[])[28]).toBe(1);
    const provenance = JSON.parse(read(outDir, "provenance.json")) as Record<string, unknown>;
    expect(provenance).toMatchObject({ model: "gpt-4o-mini", sampling: { temperature: 0, seed: 42 }, prompts: { "query-analysis": 1 } });
    const cache = lines(outDir, "cache.jsonl");
    expect(cache.every((record) => typeof record.promptVersion === "number" && record.model === "gpt-4o-mini" && typeof record.params === "object")).toBe(true);
  });

  it("uses the reference shipped with the input when asked, skipping that call", async () => {
    const outDir = tempDir();
    const summary = await annotateToDirectory({
      pairs: sample,
      outDir,
      model: "mock",
      baseURL: server.url,
      apiKey: "none",
      useInputReference: true,
      syncCache: false,
    });
    expect(lines(outDir, "cache.jsonl").some((record) => record.promptId === "reference-answer")).toBe(false);
    expect(summary.complete).toBe(2);
  });

  it("estimates a dry run without sending anything", () => {
    const before = server.requests.length;
    const estimate = estimateRun(sample);
    expect(estimate.total.calls).toBe(12);
    expect(estimate.example.map((call) => call.promptId)).toEqual([
      "reference-answer",
      "query-analysis",
      "basic-query-free",
      "basic-query-aware",
      "error-detection",
      "query-specific",
    ]);
    expect(estimate.total.input).toBeGreaterThan(1000);
    expect(server.requests.length).toBe(before);
  });

  it("shows a short placeholder for the reference answer and counts its assumed length", () => {
    const estimate = estimateRun(sample.slice(0, 1));
    const check = estimate.example.find((call) => call.promptId === "error-detection")!;
    const text = check.messages.map((message) => message.content).join("\n");
    expect(text).toContain(`the estimate assumes ${ASSUMED_OUTPUT_TOKENS["reference-answer"]} tokens for it]`);
    expect(text).not.toMatch(/(word ){5}/);
    const row = estimate.perPrompt.find((line) => line.promptId === "error-detection")!;
    expect(row.input).toBe(estimateTokens(text) + ASSUMED_OUTPUT_TOKENS["reference-answer"]);
  });
});

describe("annotating made-up pairs", () => {
  it("gives the same outputs through the Batch API and merges into the same cache", async () => {
    const pairs = syntheticPairs(6);
    const live = tempDir();
    const batch = tempDir();
    const common = { pairs, model: "mock", baseURL: server.url, apiKey: "none", retry: fastRetry(), syncCache: false };
    await annotateToDirectory({ ...common, outDir: live });
    const batchSummary = await annotateToDirectory({ ...common, outDir: batch, batch: { pollIntervalMs: 5 } });
    expect(batchSummary.complete).toBe(6);
    expect(read(batch, "features.jsonl")).toBe(read(live, "features.jsonl"));
    expect(read(batch, "pairs.jsonl")).toBe(read(live, "pairs.jsonl"));
    expect(lines(batch, "cache.jsonl").every((record) => record.via === "batch")).toBe(true);
    // A live rerun over the batch cache has nothing left to do.
    const rerun = await annotateToDirectory({ ...common, outDir: batch });
    expect(rerun.calls).toMatchObject({ done: 0, failed: 0 });
  });

  it("counts every distinct call once: done in the first run, skipped in the rerun, live or batch", async () => {
    // Four pairs on two queries: the reference answer and query analysis are shared by two pairs each.
    const rawLines = [0, 1, 2, 3].map((index) =>
      JSON.stringify({
        id: index,
        prompt: `Shared question ${index % 2}: name three rivers.`,
        response_a: `Answer A${index}.`,
        response_b: `Answer B${index}, longer.`,
      }),
    );
    const pairs = parsePairsFile(new TextEncoder().encode(rawLines.join("\n")), "shared.jsonl");
    const outDir = tempDir();
    const common = { pairs, outDir, model: "mock", baseURL: server.url, apiKey: "none", retry: fastRetry(), syncCache: false };
    const first = await annotateToDirectory({ ...common, concurrency: 4 });
    const distinct = lines(outDir, "cache.jsonl").length;
    expect(distinct).toBeLessThan(pairs.length * 6);
    expect(first.calls).toMatchObject({ done: distinct, failed: 0, skipped: 0 });
    const live = await annotateToDirectory(common);
    expect(live.calls).toMatchObject({ done: 0, failed: 0, skipped: distinct });
    const batch = await annotateToDirectory({ ...common, batch: { pollIntervalMs: 5 } });
    expect(batch.calls).toMatchObject({ done: 0, failed: 0, skipped: distinct });
  });
});

describe("a Batch API run stopped while waiting", () => {
  it("collects the batch it already submitted instead of paying for it again", async () => {
    const slow = await startMockServer({ batchPollsBeforeDone: 3 });
    try {
      const outDir = tempDir();
      const common = { pairs: syntheticPairs(2), outDir, model: "mock", baseURL: slow.url, apiKey: "none", syncCache: false };
      await expect(annotateToDirectory({ ...common, batch: { pollIntervalMs: 5, maxWaitMs: 0 } })).rejects.toThrow(/still in_progress/);
      const open = JSON.parse(read(outDir, "batches.json")) as { open: Array<{ id: string }> };
      expect(open.open.map((batch) => batch.id)).toEqual(slow.batchIds);
      const resumed = await annotateToDirectory({ ...common, batch: { pollIntervalMs: 5 } });
      expect(resumed.complete).toBe(2);
      // The first batch was collected, not resubmitted: only the second stage was added.
      expect(slow.batchIds).toHaveLength(2);
      expect(JSON.parse(read(outDir, "batches.json"))).toEqual({ open: [] });
    } finally {
      await slow.close();
    }
  });
});

describe("reading bad input files", () => {
  it("names the line of invalid UTF-8", () => {
    const path = join(tempDir(), "bad.jsonl");
    writeFileSync(
      path,
      Buffer.concat([Buffer.from('{"prompt":"q","response_a":"a","response_b":"b"}\n{"prompt":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]),
    );
    expect(() => readPairsFile(path)).toThrow(`${path}:2: not valid UTF-8 text`);
    expect(() => readPairsFile(join(tempDir(), "missing.jsonl"))).toThrow(/cannot read the pairs file \(ENOENT\)/);
  });
});
