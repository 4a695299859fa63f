/**
 * The client and a whole run against the real loopback server with injected faults. Waits are
 * recorded by an injected `sleep` that returns at once, so the schedule is asserted exactly and
 * the tests stay fast; timeouts are real but short.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PrefDissectError } from "@prefdissect/shared";
import { annotateToDirectory, backoffDelay, CallFailedError, ChatClient, FatalClientError, startMockServer, type CacheRecord, type MockServer } from "../src/node.js";
import { queryAnalysisCall, queryFreeRatingCall } from "../src/index.js";
import { fastRetry, syntheticPairs, tempDir } from "./helpers.js";

const pair = { query: "Write two lines about rain. Be concise.", responseA: "Rain falls.\nIt stops.", responseB: "Drops on glass." };
let server: MockServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function client(url: string, sleeps: number[], options: { timeoutMs?: number; apiKey?: string } = {}) {
  return new ChatClient({
    baseURL: url,
    apiKey: options.apiKey ?? "test-key",
    model: "mock",
    timeoutMs: options.timeoutMs ?? 5_000,
    retry: fastRetry(),
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
}

describe("ChatClient against the loopback server", () => {
  it("sends temperature 0, the seed, max_tokens and JSON mode", async () => {
    server = await startMockServer();
    const result = await client(server.url, []).complete(queryAnalysisCall(pair));
    expect(result).toMatchObject({ attempts: 1, jsonMode: true, finishReason: "stop" });
    expect(server.requests[0]?.body).toMatchObject({ model: "mock", temperature: 0, top_p: 1, seed: 42, response_format: { type: "json_object" } });
    expect(server.requests[0]?.promptId).toBe("query-analysis");
  });

  it("waits what Retry-After asks on 429 (seconds and milliseconds)", async () => {
    server = await startMockServer({ faults: [{ kind: "status", status: 429, retryAfterSeconds: 2 }, { kind: "status", status: 429, retryAfterMs: 40 }] });
    const sleeps: number[] = [];
    const result = await client(server.url, sleeps).complete(queryAnalysisCall(pair));
    expect(result.attempts).toBe(3);
    expect(sleeps).toEqual([2000, 40]);
  });

  it("backs off exponentially with jitter on 500s", async () => {
    server = await startMockServer({ faults: [{ kind: "status", status: 500 }, { kind: "status", status: 503 }] });
    const sleeps: number[] = [];
    const result = await client(server.url, sleeps).complete(queryAnalysisCall(pair));
    expect(result.attempts).toBe(3);
    expect(sleeps).toEqual([backoffDelay(0, fastRetry(), 0.5), backoffDelay(1, fastRetry(), 0.5)]);
  });

  it("gives up a request that hangs past the timeout and retries it", async () => {
    server = await startMockServer({ faults: [{ kind: "hang" }], hangLimitMs: 5_000 });
    const started = Date.now();
    const result = await client(server.url, [], { timeoutMs: 300 }).complete(queryAnalysisCall(pair));
    expect(result.attempts).toBe(2);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it("retries dropped connections and bodies cut off mid-way", async () => {
    server = await startMockServer({ faults: [{ kind: "drop" }, { kind: "truncated-body" }] });
    const result = await client(server.url, []).complete(queryAnalysisCall(pair));
    expect(result.attempts).toBe(3);
    expect(server.requests.map((request) => request.fault)).toEqual(["drop", "truncated-body", undefined]);
  });

  it("stops retrying after maxRetries and reports the last reason", async () => {
    server = await startMockServer({ faultFor: () => ({ kind: "status", status: 502 }) });
    const sleeps: number[] = [];
    const error = await client(server.url, sleeps).complete(queryAnalysisCall(pair)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CallFailedError);
    expect((error as CallFailedError).message).toBe("HTTP 502; gave up after 4 attempts");
    expect(sleeps).toHaveLength(3);
  });

  it("falls back to plain output when the server rejects response_format, and remembers it", async () => {
    server = await startMockServer({ rejectJsonMode: true });
    const chat = client(server.url, []);
    const first = await chat.complete(queryAnalysisCall(pair));
    const second = await chat.complete(queryFreeRatingCall(pair));
    expect(first).toMatchObject({ attempts: 2, jsonMode: false });
    expect(second).toMatchObject({ attempts: 1, jsonMode: false });
    expect(server.requests.map((request) => request.body.response_format === undefined)).toEqual([false, true, true]);
  });

  it("treats a rejected key and an unreachable server as fatal", async () => {
    server = await startMockServer({ apiKey: "right" });
    await expect(client(server.url, [], { apiKey: "wrong" }).complete(queryAnalysisCall(pair))).rejects.toThrow(FatalClientError);
    const closed = server.url;
    await server.close();
    server = undefined;
    await expect(client(closed, []).complete(queryAnalysisCall(pair))).rejects.toThrow(/cannot reach the server/);
  });
});

function cacheLines(dir: string): CacheRecord[] {
  return readFileSync(join(dir, "cache.jsonl"), "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as CacheRecord);
}

describe("annotateToDirectory() with faulty answers", () => {
  const pairs = syntheticPairs(3);
  const run = (url: string, outDir: string, extra: Partial<Parameters<typeof annotateToDirectory>[0]> = {}) =>
    annotateToDirectory({ pairs, outDir, model: "mock", baseURL: url, apiKey: "sk-secret-test-key", concurrency: 3, retry: fastRetry(), syncCache: false, ...extra });

  it("records malformed and truncated answers with their raw text, and a rerun retries them", async () => {
    let injected = 0;
    server = await startMockServer({
      faultFor: (request) => {
        if (request.promptId === "basic-query-free" && injected < 2) {
          injected += 1;
          return { kind: injected === 1 ? "malformed-answer" : "truncated-answer" };
        }
        if (request.promptId === "query-analysis" && injected === 2) {
          injected += 1;
          return { kind: "repairable-answer" };
        }
        return undefined;
      },
    });
    const outDir = tempDir();
    const first = await run(server.url, outDir);
    expect(first.calls.failed).toBe(2);
    expect(first.incomplete).toHaveLength(2);
    const failed = cacheLines(outDir).filter((line) => line.status === "failed");
    expect(failed.map((line) => line.status === "failed" && line.raw !== undefined)).toEqual([true, true]);
    expect(failed.some((line) => line.status === "failed" && line.reason.startsWith("the answer was cut off at max_tokens"))).toBe(true);
    expect(failed.some((line) => line.status === "failed" && line.raw === "I looked at both responses and I prefer the first one.")).toBe(true);
    const repaired = cacheLines(outDir).find((line) => line.status === "ok" && line.repaired.length > 0);
    expect(repaired?.status === "ok" && repaired.repaired).toEqual(["code fence", "trailing comma"]);

    const second = await run(server.url, outDir);
    expect(second).toMatchObject({ complete: 3, incomplete: [] });
    expect(second.calls.done).toBe(2);
    expect(second.calls.skipped).toBeGreaterThan(0);
    const okKeys = cacheLines(outDir).filter((line) => line.status === "ok").map((line) => line.key);
    expect(new Set(okKeys).size).toBe(okKeys.length);
  });

  it("never writes the API key to any output file", async () => {
    server = await startMockServer();
    const outDir = tempDir();
    await run(server.url, outDir);
    for (const name of readdirSync(outDir)) {
      expect(readFileSync(join(outDir, name), "utf8")).not.toContain("sk-secret-test-key");
    }
  });

  it("keeps at most `concurrency` requests in flight", async () => {
    server = await startMockServer({ latencyMs: 20 });
    await run(server.url, tempDir(), { concurrency: 2 });
    expect(server.load.maxInFlight).toBe(2);
  });

  it("stops with one message when the key is rejected", async () => {
    server = await startMockServer({ apiKey: "expected" });
    const error = await run(server.url, tempDir()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PrefDissectError);
    expect((error as PrefDissectError).message).toMatch(/rejected the API key \(HTTP 401\)/);
    expect((error as PrefDissectError).message).not.toContain("expected");
  });
});
