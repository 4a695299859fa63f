/**
 * Executes calls for a live run: answers already in the cache are reused, the rest go to the
 * server through the bounded limiter, and every outcome is appended to the cache before it is
 * returned. Identical calls shared by several pairs (the same query twice, say) are run once per
 * run and counted once, so done + failed + skipped is the number of distinct calls.
 *
 * The executor also owns the run's `FailureTally`: when a call has used up its retries and not one
 * request of the run has got an answer, it stops the run with a message saying how the requests
 * failed, rather than grinding through every remaining call the same way.
 */
import { setMaxListeners } from "node:events";
import type { AnyCallSpec, ParsedAnswer, TokenLogprob } from "../plan/calls.js";
import type { TokenUsage } from "../pricing.js";
import type { AnnotationCache, CacheRecord, FailedRecord } from "./annotation-cache.js";
import { cacheKey } from "./cache-key.js";
import { CallFailedError, FatalClientError, type ChatClient } from "./chat-client.js";
import { FailureTally } from "./failure-tally.js";
import { createLimiter } from "./limiter.js";

/** Counters of one run. */
export interface CallStats {
  /** Calls answered in this run. */
  done: number;
  /** Calls that failed in this run (recorded; retried next time). */
  failed: number;
  /** Distinct calls answered by an earlier run (read from the cache). */
  skipped: number;
  usage: { input: number; output: number };
  failures: Array<{ pairId: string; promptId: string; reason: string }>;
  /** Requests of this run that brought no answer, by kind (retried ones included). */
  readonly requests: FailureTally;
}

export function emptyStats(): CallStats {
  return { done: 0, failed: 0, skipped: 0, usage: { input: 0, output: 0 }, failures: [], requests: new FailureTally() };
}

/** Counts a finished call (answered, or failed with a reason) in `stats`. */
export function countOutcome(stats: CallStats, pairId: string, promptId: string, parsed: ParsedAnswer<unknown>, usage?: TokenUsage): void {
  if (usage !== undefined) {
    stats.usage.input += usage.input;
    stats.usage.output += usage.output;
  }
  if (parsed.ok) stats.done += 1;
  else {
    stats.failed += 1;
    stats.failures.push({ pairId, promptId, reason: parsed.reason });
  }
}

/** Reads a cached answer: the stored text (and top-k list) is validated again with the current schema. */
export function cachedAnswer<T>(spec: AnyCallSpec<T>, record: CacheRecord | undefined): ParsedAnswer<T> | undefined {
  if (record === undefined) return undefined;
  if (record.status === "failed") return { ok: false, reason: record.reason };
  return spec.parse(record.text, record.logprobs);
}

/** Who made a call and how: the fields of its cache record that do not come from the answer. */
export interface CallMeta {
  readonly key: string;
  readonly pairId: string;
  readonly model: string;
  readonly attempts: number;
  readonly via: "chat" | "batch";
}

function recordBase(spec: AnyCallSpec, meta: CallMeta) {
  return {
    key: meta.key,
    pairId: meta.pairId,
    promptId: spec.promptId,
    promptVersion: spec.promptVersion,
    model: meta.model,
    params: spec.params,
    attempts: meta.attempts,
    via: meta.via,
    finishedAt: new Date().toISOString(),
  };
}

/** The cache record of a call that failed without an answer to keep. */
export function failedRecord(spec: AnyCallSpec, meta: CallMeta, reason: string): FailedRecord {
  return { ...recordBase(spec, meta), status: "failed", reason };
}

/** Builds the cache record for a finished request. */
export function recordOutcome<T>(
  spec: AnyCallSpec<T>,
  meta: CallMeta,
  outcome: { text: string; finishReason: string; usage: TokenUsage; jsonMode: boolean; topLogprobs?: readonly TokenLogprob[] },
): { record: CacheRecord; parsed: ParsedAnswer<T> } {
  const base = recordBase(spec, meta);
  const parsed = spec.parse(outcome.text, outcome.topLogprobs);
  const logprobs = outcome.topLogprobs === undefined ? {} : { logprobs: outcome.topLogprobs };
  if (parsed.ok) {
    return {
      parsed,
      record: {
        ...base,
        status: "ok",
        text: outcome.text,
        answer: parsed.value,
        repaired: parsed.repaired,
        usage: outcome.usage,
        jsonMode: outcome.jsonMode,
        ...logprobs,
      },
    };
  }
  // A one-token answer always stops at max_tokens, so that says nothing about why it failed.
  const reason = outcome.finishReason === "length" && spec.params.maxTokens > 1 ? `the answer was cut off at max_tokens; ${parsed.reason}` : parsed.reason;
  return {
    parsed: { ok: false, reason },
    record: { ...base, status: "failed", reason, raw: outcome.text, usage: outcome.usage, ...logprobs },
  };
}

/** What a call is recorded under: the pair (or other item) it was made for. */
export interface CallOwner {
  readonly id: string;
}

export interface ExecutorOptions {
  readonly client: ChatClient;
  readonly cache: AnnotationCache;
  readonly concurrency: number;
  readonly stats: CallStats;
}

/**
 * A `CallRunner` for live runs. After a `FatalClientError` (from the client, or when the server
 * kept failing and nothing got through) it stops sending (pending calls return `undefined`) and
 * `fatal` holds the error for the caller to report.
 */
export function createCallExecutor(options: ExecutorOptions) {
  const { client, cache, stats } = options;
  const tally = stats.requests;
  const limit = createLimiter(options.concurrency);
  /** Every distinct call of this run, by cache key: running, or settled. */
  const calls = new Map<string, Promise<unknown>>();
  const abort = new AbortController();
  // Every in-flight request listens on this one signal; the default cap of 10 would warn.
  setMaxListeners(0, abort.signal);
  const state: { fatal: FatalClientError | undefined } = { fatal: undefined };

  async function send<T>(spec: AnyCallSpec<T>, key: string, pair: CallOwner): Promise<ParsedAnswer<T> | undefined> {
    return limit(async () => {
      if (abort.signal.aborted) return undefined;
      try {
        const result = await client.complete(spec, abort.signal, (failure) => tally.failed(failure.kind));
        tally.answered();
        const { record, parsed } = recordOutcome(spec, { key, pairId: pair.id, model: client.model, attempts: result.attempts, via: "chat" }, result);
        cache.append(record);
        countOutcome(stats, pair.id, spec.promptId, parsed, result.usage);
        return parsed;
      } catch (error) {
        if (error instanceof FatalClientError) {
          state.fatal ??= error;
          abort.abort(error);
          return undefined;
        }
        if (abort.signal.aborted) return undefined;
        if (error instanceof CallFailedError && error.retriesUsedUp && error.attempts > 1 && tally.answeredCount === 0) {
          // This call was retried to the limit and not one request of the run got through: the
          // other calls would fare the same, so stop and say what the server did.
          const fatal = new FatalClientError(
            `the server at ${client.baseURL} kept failing: ${tally.describe()}; no request got an answer, so the run stopped (rerun the same command to resume)`,
          );
          state.fatal ??= fatal;
          abort.abort(fatal);
          return undefined;
        }
        const reason = error instanceof CallFailedError ? error.message : `unexpected error (${client.scrub((error as Error).message)})`;
        const attempts = error instanceof CallFailedError ? error.attempts : 1;
        cache.append(failedRecord(spec, { key, pairId: pair.id, model: client.model, attempts, via: "chat" }, reason));
        const failed = { ok: false as const, reason };
        countOutcome(stats, pair.id, spec.promptId, failed);
        return failed;
      }
    });
  }

  const run = async <T>(spec: AnyCallSpec<T>, pair: CallOwner): Promise<ParsedAnswer<T> | undefined> => {
    const key = cacheKey(client.model, spec);
    let call = calls.get(key);
    if (call === undefined) {
      // Only a finished answer is read back from disk; a failed call is sent again.
      const record = cache.status(key) === "ok" ? cache.get(key) : undefined;
      if (record?.status === "ok") {
        stats.skipped += 1;
        call = Promise.resolve(cachedAnswer(spec, record));
      } else {
        // A call that fails is not sent again within this run; a rerun retries it.
        call = send(spec, key, pair);
      }
      calls.set(key, call);
    }
    return (await call) as ParsedAnswer<T> | undefined;
  };

  return { run, state, tally };
}
