/**
 * Collecting from the loopback server with a scripted toy judge: the labels follow the judge's
 * weights, both endpoints and the sampled fallback agree, a rerun resumes from the cache, and the
 * server's faults (429, 5xx, no log-probabilities, top-k lists without the letters) end the way a
 * user needs them to.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startMockServer, type MockServer, type MockServerOptions } from "@prefdissect/annotation/node";
import { toFeatureDataset } from "@prefdissect/data";
import { PrefDissectError, sigmoid } from "@prefdissect/shared";
import { COLLECT_SUMMARY_FILE, LOGPROBS_FILE, tieBreakLabel, type CollectSettings } from "../src/index.js";
import { collectJudge, readComparisonPairs, scriptedJudge, type CollectOptions, type ComparisonData } from "../src/node.js";
import { TOY_JUDGE, fastRetry, tempDir, toyDataset, toyWeights, writeToyParquet } from "./fixtures.js";

const PAIRS = 24;
const dataset = toyDataset(PAIRS);
const weights = toyWeights();
const data: ComparisonData = {
  pairs: dataset.pairs.map((pair, index) => ({ index, id: pair.id, query: pair.query, responseA: pair.responseA.content, responseB: pair.responseB.content })),
  file: "toy.parquet",
  format: "hf-parquet",
  synthetic: true,
};
const LOGPROBS: CollectSettings = { endpoint: "completions", reading: "logprobs", topLogprobs: 5, seed: 42 };

/** The toy judge's logit for each pair (response 1 against response 2), computed here independently. */
const logits = (() => {
  const rows = toFeatureDataset(dataset).rows;
  return dataset.pairs.map((pair, i) => rows[i]!.features.reduce((sum, value, k) => sum + value * weights.get(pair.scenario)!.get(TOY_JUDGE)![k]!, 0));
})();
const expectedLabels = logits.map((logit, index) => (logit > 0 ? "A" : logit < 0 ? "B" : tieBreakLabel(index)));

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(options: Partial<MockServerOptions> & { certainty?: number; positionBias?: number } = {}): Promise<MockServer> {
  const { certainty, positionBias, ...rest } = options;
  server = await startMockServer({
    responder: scriptedJudge({
      dataset,
      weights,
      judge: TOY_JUDGE,
      ...(certainty !== undefined ? { certainty } : {}),
      ...(positionBias !== undefined ? { positionBias } : {}),
    }),
    ...rest,
  });
  return server;
}

function collect(url: string, outDir: string, extra: Partial<CollectOptions> = {}) {
  return collectJudge({
    data,
    outDir,
    model: "toy",
    baseURL: url,
    apiKey: "none",
    settings: LOGPROBS,
    concurrency: 4,
    retry: fastRetry(),
    random: () => 0.5,
    syncCache: false,
    ...extra,
  });
}

const readLabels = (dir: string) => JSON.parse(readFileSync(join(dir, "labels.json"), "utf8")) as string[];

describe("collectJudge against a scripted judge", () => {
  it("asks both orders of every pair and labels each pair with the judge's preference", async () => {
    const { url } = await serve();
    const out = tempDir();
    const result = await collect(url, out);
    expect(server!.requests).toHaveLength(2 * PAIRS);
    expect(readLabels(out)).toEqual(expectedLabels);
    expect(result.summary).toMatchObject({ pairs: PAIRS, complete: PAIRS, loopback: true, endpoint: "completions", reading: "logprobs", topLogprobs: 5 });
    expect(result.summary.positionBias.consistent + result.summary.ties).toBe(PAIRS);

    const lines = LOGPROBS_FILE.parse(readFileSync(join(out, "logprobs.jsonl"), "utf8"), "logprobs.jsonl");
    expect(lines).toHaveLength(2 * PAIRS);
    // A pair the judge is unsure about keeps all its letters in the top 5.
    const close = logits.findIndex((logit) => Math.abs(logit) < 1);
    const first = lines.find((line) => line.index === close && line.order === "12")!;
    const swapped = lines.find((line) => line.index === close && line.order === "21")!;
    // The letters take 95 % of the first token, spread over " A", "A" and " a".
    expect(first.pA).toBeCloseTo(0.95 * sigmoid(logits[close]!), 9);
    expect(swapped.pB).toBeCloseTo(0.95 * sigmoid(logits[close]!), 9);
    expect(first.top.map((entry) => entry.token)).toContain(" A");
    // With only 5 alternatives listed, a clear loser's letter can drop off the list: it is then
    // bounded by the smallest listed probability, never above the winner.
    const bounded = lines.filter((line) => line.boundA || line.boundB);
    expect(bounded.length).toBeGreaterThan(0);
    expect(result.summary.bounded).toBe(new Set(bounded.map((line) => line.index)).size);
    for (const line of bounded) expect(line.boundA ? line.pA < line.pB : line.pB < line.pA).toBe(true);
    expect(COLLECT_SUMMARY_FILE.parse(readFileSync(join(out, "summary.json"), "utf8"), "summary.json")).toEqual(result.summary);
  });

  it("gets the same labels from the chat endpoint and from sampled answers (--no-logprobs)", async () => {
    const { url } = await serve();
    const chat = tempDir();
    await collect(url, chat, { settings: { ...LOGPROBS, endpoint: "chat", topLogprobs: 20 } });
    expect(server!.requests[0]?.body).toMatchObject({ logprobs: true, top_logprobs: 20 });
    expect(readLabels(chat)).toEqual(expectedLabels);
    const sampled = tempDir();
    const result = await collect(url, sampled, { settings: { ...LOGPROBS, endpoint: "chat", reading: "sampled" } });
    expect(server!.requests.at(-1)?.body).not.toHaveProperty("logprobs");
    expect(readLabels(sampled)).toEqual(expectedLabels);
    expect(result.summary).toMatchObject({ reading: "sampled", topLogprobs: null });
    expect(LOGPROBS_FILE.parse(readFileSync(join(sampled, "logprobs.jsonl"), "utf8"), "x").every((line) => line.sampled && line.top.length === 0)).toBe(true);
  });

  it("sees a judge's position bias and certainty in the summary", async () => {
    const { url } = await serve({ positionBias: 6 });
    const biased = await collect(url, tempDir());
    expect(biased.summary.positionBias.aBothOrders).toBeGreaterThan(PAIRS / 2);
    expect(biased.summary.positionBias.shownFirst).toBeGreaterThan(0.7);
    await server!.close();
    const { url: sure } = await serve({ certainty: 10 });
    const certain = await collect(sure, tempDir());
    const { url: unsure } = await serve({ certainty: 0.1 });
    const hesitant = await collect(unsure, tempDir());
    expect(certain.summary.certainty.mean!).toBeGreaterThan(hesitant.summary.certainty.mean! + 0.3);
  });

  it("resumes from the cache: a rerun sends nothing and writes the same files", async () => {
    const { url } = await serve();
    const out = tempDir();
    await collect(url, out);
    const before = ["labels.json", "logprobs.jsonl"].map((name) => readFileSync(join(out, name), "utf8"));
    const again = await collect(url, out);
    expect(server!.requests).toHaveLength(2 * PAIRS);
    expect(again.calls).toMatchObject({ done: 0, skipped: 2 * PAIRS });
    expect(["labels.json", "logprobs.jsonl"].map((name) => readFileSync(join(out, name), "utf8"))).toEqual(before);
  });
});

describe("collectJudge when the server misbehaves", () => {
  it("waits out 429s and 5xx and still answers every pair", async () => {
    const { url } = await serve({
      faults: [
        { kind: "status", status: 429, retryAfterMs: 5 },
        { kind: "status", status: 503 },
        { kind: "status", status: 500 },
      ],
    });
    const out = tempDir();
    const result = await collect(url, out);
    expect(readLabels(out)).toEqual(expectedLabels);
    expect(result.summary.failedRequests).toMatch(/HTTP 429/);
    expect(result.summary.failedRequests).toMatch(/HTTP 503/);
  });

  it("keeps what is done when calls keep failing, leaves labels.json out, and a rerun resumes", async () => {
    const { url } = await serve({ faultFor: (request) => (request.index >= 10 ? { kind: "status", status: 502 } : undefined) });
    const out = tempDir();
    const result = await collect(url, out, { concurrency: 1 });
    expect(result.incomplete).toHaveLength(PAIRS - 5);
    expect(result.incomplete[0]?.reason).toMatch(/HTTP 502; gave up after 3 attempts/);
    expect(existsSync(join(out, "labels.json"))).toBe(false);
    const summary = COLLECT_SUMMARY_FILE.parse(readFileSync(join(out, "summary.json"), "utf8"), "summary.json");
    expect(summary).toMatchObject({ complete: 5, files: { labels: null } });
    await server!.close();
    const { url: healthy } = await serve();
    const resumed = await collect(healthy, out);
    expect(resumed.calls.skipped).toBe(10);
    expect(readLabels(out)).toEqual(expectedLabels);
  });

  it("stops with the reason when no request gets through, and keeps the summary", async () => {
    const { url } = await serve({ faultFor: () => ({ kind: "status", status: 503 }) });
    const out = tempDir();
    const error = (await collect(url, out).catch((caught: unknown) => caught)) as PrefDissectError;
    expect(error).toBeInstanceOf(PrefDissectError);
    expect(error).toMatchObject({ code: "judge-server" });
    expect(error.message).toMatch(/kept failing: \d+× HTTP 503.*0 of 24 pairs are done/);
    expect(COLLECT_SUMMARY_FILE.parse(readFileSync(join(out, "summary.json"), "utf8"), "summary.json").complete).toBe(0);
  });

  it("says once that the server returns no log-probabilities, and points to --no-logprobs", async () => {
    const { url } = await serve({ faultFor: () => ({ kind: "no-logprobs" }) });
    const error = (await collect(url, tempDir()).catch((caught: unknown) => caught)) as PrefDissectError;
    expect(error).toMatchObject({ code: "judge-server" });
    expect(error.message).toMatch(/without log-probabilities.*--no-logprobs/);
    expect(server!.requests.length).toBeLessThanOrEqual(4);
  });

  it("bounds and flags both letters when the top-k list names neither", async () => {
    const { url } = await serve({ faults: [{ kind: "topk-without-choices" }] });
    const out = tempDir();
    await collect(url, out, { concurrency: 1, settings: { ...LOGPROBS, endpoint: "chat", topLogprobs: 20 } });
    const lines = LOGPROBS_FILE.parse(readFileSync(join(out, "logprobs.jsonl"), "utf8"), "x");
    const neither = lines.filter((line) => line.boundA && line.boundB);
    expect(neither).toHaveLength(1);
    expect(neither[0]).toMatchObject({ index: 0, order: "12" });
    const smallest = Math.min(...neither[0]!.top.map((entry) => Math.exp(entry.logprob)));
    expect(neither[0]!.pA).toBeCloseTo(smallest, 12);
    expect(neither[0]!.pB).toBeCloseTo(smallest, 12);
  });
});

describe("readComparisonPairs", () => {
  it("reads the texts from the Hugging Face Parquet layout, response A being the dataset's first", async () => {
    const file = writeToyParquet(tempDir(), 6);
    const read = await readComparisonPairs(file);
    expect(read).toMatchObject({ format: "hf-parquet", synthetic: true });
    expect(read.pairs.map((pair) => pair.responseA)).toEqual(toyDataset(6).pairs.map((pair) => pair.responseA.content));
  });

  it("reads the authors' raw pairs JSONL", async () => {
    const file = join(tempDir(), "raw.jsonl");
    writeFileSync(file, `${JSON.stringify({ prompt: "Hi?", response_a: "Hello.", response_b: "Hey." })}\n`);
    expect((await readComparisonPairs(file)).pairs).toEqual([{ index: 0, id: "0", query: "Hi?", responseA: "Hello.", responseB: "Hey." }]);
  });

  it("refuses the resolved comparisons, which have no texts, naming the file", async () => {
    const file = join(tempDir(), "resolved.jsonl");
    writeFileSync(file, `${JSON.stringify({ query_info: {}, comparison: {} })}\n`);
    await expect(readComparisonPairs(file)).rejects.toMatchObject({ code: "no-response-text", message: expect.stringContaining(file) });
  });
});
