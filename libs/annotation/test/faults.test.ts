/**
 * The client and a whole run against the real loopback server with injected faults. Waits are
 * recorded by an injected `sleep` that returns at once, so the schedule is asserted exactly and
 * the tests stay fast. Nothing here depends on timing: a hung request is held by the server for
 * longer than any test may run, and overlap is produced by a server that holds requests until the
 * test releases them.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PrefDissectError } from "@prefdissect/shared";
import {
  annotateToDirectory,
  backoffDelay,
  CallFailedError,
  ChatClient,
  FatalClientError,
  startMockServer,
  AnnotationCache,
  createCallExecutor,
  emptyStats,
  type CacheRecord,
  type FailedAttempt,
  type MockFault,
  type MockServer,
} from "../src/node.js";
import { pairTexts, queryAnalysisCall, queryFreeRatingCall } from "../src/index.js";
import { fastRetry, syntheticPairs, tempDir } from "./helpers.js";

const pair = { query: "Write two lines about rain. Be concise.", responseA: "Rain falls.\nIt stops.", responseB: "Drops on glass." };
let server: MockServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The error `promise` rejects with (a promise that fulfils fails the test). */
async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a failure, got a result");
}

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
    server = await startMockServer({
      faults: [
        { kind: "status", status: 429, retryAfterSeconds: 2 },
        { kind: "status", status: 429, retryAfterMs: 40 },
      ],
    });
    const sleeps: number[] = [];
    const result = await client(server.url, sleeps).complete(queryAnalysisCall(pair));
    expect(result.attempts).toBe(3);
    expect(sleeps).toEqual([2000, 40]);
  });

  it("backs off exponentially with jitter on 500s", async () => {
    server = await startMockServer({
      faults: [
        { kind: "status", status: 500 },
        { kind: "status", status: 503 },
      ],
    });
    const sleeps: number[] = [];
    const result = await client(server.url, sleeps).complete(queryAnalysisCall(pair));
    expect(result.attempts).toBe(3);
    expect(sleeps).toEqual([backoffDelay(0, fastRetry(), 0.5), backoffDelay(1, fastRetry(), 0.5)]);
  });

  it("gives up a request that hangs past the timeout and retries it", async () => {
    // The server would hold the hung request far beyond the test's own time limit, so only the
    // client's timeout can end the first attempt.
    server = await startMockServer({ faults: [{ kind: "hang" }], hangLimitMs: 10 * 60_000 });
    const failures: FailedAttempt[] = [];
    const result = await client(server.url, [], { timeoutMs: 300 }).complete(queryAnalysisCall(pair), undefined, (failure) => failures.push(failure));
    expect(result.attempts).toBe(2);
    expect(failures).toEqual([{ kind: "timeout", reason: "no answer within 300 ms" }]);
    expect(server.requests.map((request) => request.fault)).toEqual(["hang", undefined]);
  });

  it("retries dropped connections and bodies cut off mid-way", async () => {
    server = await startMockServer({ faults: [{ kind: "drop" }, { kind: "truncated-body" }] });
    const result = await client(server.url, []).complete(queryAnalysisCall(pair));
    expect(result.attempts).toBe(3);
    expect(server.requests.map((request) => request.fault)).toEqual(["drop", "truncated-body", undefined]);
  });

  it("reports every failed request by kind, and a dropped connection is not an unreachable server", async () => {
    server = await startMockServer({
      faultFor: () => ({ kind: "drop" }),
      faults: [{ kind: "status", status: 503 }, { kind: "status", status: 429 }, { kind: "truncated-body" }],
    });
    const failures: string[] = [];
    const error = await failureOf(client(server.url, []).complete(queryAnalysisCall(pair), undefined, (failure) => failures.push(failure.kind)));
    expect(failures).toEqual(["HTTP 503", "HTTP 429", "truncated body", "connection dropped"]);
    expect(error).toBeInstanceOf(CallFailedError);
    expect(error).toMatchObject({ attempts: 4, retriesUsedUp: true });
    expect(error.message).toMatch(/^connection failed \(.+\); gave up after 4 attempts$/);
  });

  it("stops retrying after maxRetries and reports the last reason", async () => {
    server = await startMockServer({ faultFor: () => ({ kind: "status", status: 502 }) });
    const sleeps: number[] = [];
    const error = await client(server.url, sleeps)
      .complete(queryAnalysisCall(pair))
      .catch((caught: unknown) => caught);
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

  it("refuses a base URL with a user name or password before sending anything, without echoing it", async () => {
    const error = await failureOf((async () => client("http://user:SECRET-IN-URL@127.0.0.1:9/v1", []))());
    expect(error).toBeInstanceOf(PrefDissectError);
    expect(error.message).toBe(
      "the server URL carries a user name or password (http://127.0.0.1:9/v1); leave credentials out of the URL and pass the key in OPENAI_API_KEY or --api-key",
    );
  });

  it("sends query parameters of the base URL with every request and never shows them", async () => {
    server = await startMockServer();
    const result = await client(`${server.url}?api-key=QUERY-SECRET-42`, []).complete(queryAnalysisCall(pair));
    expect(result.attempts).toBe(1);
    const wrongPath = `http://127.0.0.1:${server.port}/nowhere?api-key=QUERY-SECRET-42`;
    const error = await failureOf(client(wrongPath, []).complete(queryAnalysisCall(pair)));
    expect(error).toBeInstanceOf(FatalClientError);
    expect(error.message).toBe(`the server at http://127.0.0.1:${server.port}/nowhere does not know model "mock" or the chat-completions endpoint (HTTP 404)`);
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
    annotateToDirectory({
      pairs,
      outDir,
      model: "mock",
      baseURL: url,
      apiKey: "sk-secret-test-key",
      concurrency: 3,
      retry: fastRetry(),
      syncCache: false,
      ...extra,
    });

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
    const okKeys = cacheLines(outDir)
      .filter((line) => line.status === "ok")
      .map((line) => line.key);
    expect(new Set(okKeys).size).toBe(okKeys.length);
  });

  it("never writes the API key or a secret from the URL to any output file or message", async () => {
    // Some requests fail, so failure reasons are written to the cache and summary too.
    let injected = 0;
    server = await startMockServer({
      faultFor: (request) => (request.promptId === "basic-query-aware" && injected++ < 5 ? { kind: "status", status: 400 } : undefined),
    });
    const outDir = tempDir();
    const summary = await run(`${server.url}?api-key=sk-query-secret-in-url`, outDir);
    expect(summary.calls.failed).toBeGreaterThan(0);
    const texts = [JSON.stringify(summary), ...readdirSync(outDir).map((name) => readFileSync(join(outDir, name), "utf8"))];
    expect(texts.join("\n")).toContain(`"server": "${server.url}"`);
    for (const text of texts) {
      expect(text).not.toContain("sk-secret-test-key");
      expect(text).not.toContain("sk-query-secret-in-url");
    }
  });

  it("refuses a base URL carrying credentials at once: no request, no files, no echo", async () => {
    server = await startMockServer();
    const outDir = join(tempDir(), "out");
    const url = `http://user:sk-password-in-url@127.0.0.1:${server.port}/v1`;
    const error = await failureOf(run(url, outDir));
    expect(error).toBeInstanceOf(PrefDissectError);
    expect(error.message).toMatch(/^the server URL carries a user name or password \(http:\/\/127\.0\.0\.1:\d+\/v1\); leave credentials out/);
    expect(error.message).not.toContain("sk-password-in-url");
    expect(server.requests).toHaveLength(0);
    expect(existsSync(outDir)).toBe(false);
  });

  it("keeps at most `concurrency` requests in flight", async () => {
    // The executor starts a call's request synchronously when the limiter lets it through, so
    // right after six calls are handed over exactly two requests have been started; the server
    // holds them until released, so both are open on the wire at once.
    server = await startMockServer({ holdRequests: true });
    const chat = client(server.url, []);
    const load = { active: 0, most: 0 };
    const complete = chat.complete.bind(chat);
    chat.complete = async (...args) => {
      load.active += 1;
      load.most = Math.max(load.most, load.active);
      try {
        return await complete(...args);
      } finally {
        load.active -= 1;
      }
    };
    const cache = AnnotationCache.open(join(tempDir(), "cache.jsonl"), { sync: false });
    try {
      const executor = createCallExecutor({ client: chat, cache, concurrency: 2, stats: emptyStats() });
      const answers = Promise.all(
        pairs.flatMap((input) => [executor.run(queryAnalysisCall(pairTexts(input)), input), executor.run(queryFreeRatingCall(pairTexts(input)), input)]),
      );
      expect(load.active).toBe(2);
      await server.whenHeld(2);
      expect(server.load.inFlight).toBe(2);
      server.releaseHeld();
      expect((await answers).every((answer) => answer?.ok)).toBe(true);
      expect(load.most).toBe(2);
      expect(server.load.maxInFlight).toBe(2);
    } finally {
      cache.close();
    }
  });

  it("says how the server kept failing when no request gets an answer, and stops", async () => {
    const cycle: MockFault[] = [{ kind: "status", status: 503 }, { kind: "status", status: 503 }, { kind: "status", status: 429 }, { kind: "truncated-body" }];
    server = await startMockServer({ faultFor: (request) => cycle[request.index % cycle.length] });
    // One call at a time: the first call's four attempts meet the four faults in order.
    const error = await failureOf(run(server.url, tempDir(), { concurrency: 1 }));
    expect(error).toBeInstanceOf(PrefDissectError);
    expect(error.message).toBe(
      `the server at ${server.url} kept failing: 2× HTTP 503, 1× HTTP 429, 1× truncated body; no request got an answer, so the run stopped (rerun the same command to resume)`,
    );
    expect(server.requests).toHaveLength(4);
  });

  it("does not call dropped connections an unreachable server", async () => {
    server = await startMockServer({ faultFor: () => ({ kind: "drop" }) });
    const error = await failureOf(run(server.url, tempDir(), { concurrency: 1 }));
    expect(error.message).toMatch(/ kept failing: 4× connection dropped; /);
  });

  it("keeps going when some requests get answers, and counts the failed ones", async () => {
    server = await startMockServer({
      faults: [
        { kind: "status", status: 503 },
        { kind: "status", status: 429 },
      ],
    });
    const summary = await run(server.url, tempDir(), { concurrency: 1 });
    expect(summary.complete).toBe(3);
    expect(summary.calls.requests.describe()).toBe("1× HTTP 503, 1× HTTP 429");
  });

  it("stops with one message when the key is rejected", async () => {
    server = await startMockServer({ apiKey: "expected" });
    const error = await run(server.url, tempDir()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PrefDissectError);
    expect((error as PrefDissectError).message).toMatch(/rejected the API key \(HTTP 401\)/);
    expect((error as PrefDissectError).message).not.toContain("expected");
  });
});
