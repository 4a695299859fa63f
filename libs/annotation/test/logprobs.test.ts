/**
 * Log-probabilities through the one client: both endpoints' response shapes read into one top-k
 * list, a server that never returns them stops the run with one message, and the cache keeps the
 * list so a resumed run parses it again.
 */
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  AnnotationCache,
  CallFailedError,
  ChatClient,
  FatalClientError,
  cacheKey,
  createCallExecutor,
  emptyStats,
  startMockServer,
  type MockServer,
  type ScriptedAnswer,
} from "../src/node.js";
import { queryAnalysisCall, type AnyCallSpec, type TokenLogprob } from "../src/index.js";
import { fastRetry, tempDir } from "./helpers.js";

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A scripted answer: " B" sampled, " B" 0.6 and " A" 0.3 at the first token. */
const SCRIPTED: ScriptedAnswer = {
  text: " B",
  firstToken: [
    { token: " A", probability: 0.3 },
    { token: " B", probability: 0.6 },
  ],
};

/** A probe call that returns the first token's list it was given. */
function probe(endpoint: "chat" | "completions", k = 5): AnyCallSpec<readonly TokenLogprob[]> {
  return {
    promptId: "probe",
    promptVersion: 1,
    inputs: { question: "which?" },
    messages: [{ role: "user", content: "Which one, A or B?" }],
    prompt: "Which one, A or B? The answer is",
    params: { temperature: 0, topP: 1, seed: 42, maxTokens: 1, json: false, topLogprobs: k, ...(endpoint === "completions" ? { endpoint } : {}) },
    parse: (_text, firstToken) => (firstToken === undefined ? { ok: false, reason: "no list" } : { ok: true, value: firstToken, repaired: [] }),
  };
}

function client(url: string) {
  return new ChatClient({ baseURL: url, apiKey: "test-key", model: "mock", timeoutMs: 5_000, retry: fastRetry(), random: () => 0.5, sleep: async () => {} });
}

describe("log-probabilities through ChatClient", () => {
  it("asks chat completions for logprobs and top_logprobs and reads the first token's list", async () => {
    server = await startMockServer({ responder: () => SCRIPTED });
    const result = await client(server.url).complete(probe("chat"));
    expect(server.requests[0]).toMatchObject({ endpoint: "chat", body: { logprobs: true, top_logprobs: 5, max_tokens: 1, temperature: 0 } });
    expect(result.text).toBe(" B");
    expect(result.topLogprobs).toHaveLength(5);
    expect(result.topLogprobs?.slice(0, 2).map((entry) => entry.token)).toEqual([" B", " A"]);
    expect(result.topLogprobs?.[0]?.logprob).toBeCloseTo(Math.log(0.6), 12);
    expect(result.topLogprobs?.[1]?.logprob).toBeCloseTo(Math.log(0.3), 12);
  });

  it("sends a raw prompt to the completions endpoint with logprobs: k and reads the same list", async () => {
    server = await startMockServer({ responder: (request) => (request.endpoint === "completions" && request.prompt.endsWith("is") ? SCRIPTED : undefined) });
    const result = await client(server.url).complete(probe("completions", 3));
    expect(server.requests[0]).toMatchObject({ endpoint: "completions", body: { prompt: "Which one, A or B? The answer is", logprobs: 3, max_tokens: 1 } });
    expect(server.requests[0]?.body.messages).toBeUndefined();
    expect(result.text).toBe(" B");
    expect(result.topLogprobs?.map((entry) => entry.token)).toEqual([" B", " A", " The"]);
    expect(result.topLogprobs?.[1]?.logprob).toBeCloseTo(Math.log(0.3), 12);
  });

  it("leaves annotation requests as they were: no logprobs asked, none returned", async () => {
    server = await startMockServer();
    const result = await client(server.url).complete(queryAnalysisCall({ query: "Name a colour.", responseA: "Red.", responseB: "Blue." }));
    expect(server.requests[0]?.body).not.toHaveProperty("logprobs");
    expect(server.requests[0]?.body).not.toHaveProperty("top_logprobs");
    expect(result.topLogprobs).toBeUndefined();
  });

  it("stops with one message when the server answers without log-probabilities from the start", async () => {
    server = await startMockServer({ responder: () => SCRIPTED, faultFor: () => ({ kind: "no-logprobs" }) });
    const error = await client(server.url)
      .complete(probe("chat"))
      .catch((caught: unknown) => caught as Error);
    expect(error).toBeInstanceOf(FatalClientError);
    expect((error as Error).message).toMatch(/answered without log-probabilities \(model "mock", chat-completions\).*--no-logprobs/);
    expect(server.requests).toHaveLength(1);
  });

  it("fails only the call when log-probabilities go missing after the server has returned them", async () => {
    server = await startMockServer({ responder: () => SCRIPTED });
    const sender = client(server.url);
    await sender.complete(probe("chat"));
    server.enqueueFaults({ kind: "no-logprobs" });
    const failures: string[] = [];
    const error = await sender.complete(probe("chat"), undefined, (failure) => failures.push(failure.kind)).catch((caught: unknown) => caught as Error);
    expect(error).toBeInstanceOf(CallFailedError);
    expect(failures).toEqual(["no log-probabilities"]);
  });

  it("answers a top-k list without any single-letter token when the fault asks for it", async () => {
    server = await startMockServer({ responder: () => SCRIPTED, faults: [{ kind: "topk-without-choices" }] });
    const result = await client(server.url).complete(probe("completions", 5));
    expect(result.topLogprobs).toHaveLength(5);
    expect(result.topLogprobs?.some((entry) => /^\s*[ab]\s*$/i.test(entry.token))).toBe(false);
  });
});

describe("the cache keeps the first token's list", () => {
  it("stores it with the answer and parses it again on resume, without a request", async () => {
    server = await startMockServer({ responder: () => SCRIPTED });
    const path = join(tempDir(), "cache.jsonl");
    const spec = probe("completions");
    const first = AnnotationCache.open(path, { sync: false });
    const executor = createCallExecutor({ client: client(server.url), cache: first, concurrency: 1, stats: emptyStats() });
    const answered = await executor.run(spec, { id: "7" });
    first.close();
    const record = AnnotationCache.open(path, { sync: false });
    const stored = record.get(cacheKey("mock", spec));
    record.close();
    expect(stored).toMatchObject({ status: "ok", pairId: "7", promptId: "probe", params: { endpoint: "completions", topLogprobs: 5 } });
    expect(stored?.status === "ok" ? stored.logprobs : undefined).toEqual(answered?.ok ? answered.value : "missing");

    const again = AnnotationCache.open(path, { sync: false });
    const stats = emptyStats();
    const resumed = await createCallExecutor({ client: client(server.url), cache: again, concurrency: 1, stats }).run(spec, { id: "7" });
    again.close();
    expect(stats.skipped).toBe(1);
    expect(server.requests).toHaveLength(1);
    expect(resumed).toEqual(answered);
  });
});
