/**
 * The Batch API path: instead of one HTTP request per call, the pending calls of a stage are
 * written as a JSONL file of requests, uploaded, run by the provider as one batch (at half price,
 * within 24 hours), downloaded and merged into the same cache as live answers.
 *
 * Two stages are needed because two calls depend on earlier answers:
 *   stage 1: reference answer, query analysis, both basic ratings (every pair);
 *   stage 2: error detection (needs the reference), query-specific ratings (need the analysis).
 *
 * Open batches are remembered in `batches.json` next to the cache, so a run stopped while waiting
 * picks the same batch up again instead of paying for it twice.
 */
import { existsSync, readFileSync } from "node:fs";
import { toFile } from "openai";
import { z } from "zod";
import { writeFileAtomic } from "@prefdissect/data/node";
import type { AnnotationInput } from "../input/pairs.js";
import type { CallSpec } from "../plan/calls.js";
import { runPairFlow, type CallRunner, type PairFlowOptions } from "../plan/pair-flow.js";
import type { AnnotationCache } from "./annotation-cache.js";
import { cacheKey } from "./cache-key.js";
import type { ChatClient } from "./chat-client.js";
import { cachedAnswer, countOutcome, failedRecord, recordOutcome, type CallMeta, type CallStats } from "./call-executor.js";

export interface BatchOptions {
  /** Wait between status polls (default 30 s). */
  readonly pollIntervalMs?: number;
  /** Give up waiting after this long (default 25 h, beyond the 24 h completion window). */
  readonly maxWaitMs?: number;
  /** Requests per uploaded file (OpenAI allows up to 50,000). */
  readonly maxRequestsPerBatch?: number;
  /** Called on every status poll. */
  readonly onPoll?: (status: string, batchId: string) => void;
}

interface PendingCall {
  readonly key: string;
  readonly spec: CallSpec;
  readonly pair: AnnotationInput;
}

interface OpenBatch {
  readonly id: string;
  readonly keys: readonly string[];
}

const TERMINAL = new Set(["completed", "failed", "expired", "cancelled"]);

/** `batches.json`: the batches submitted and not yet merged into the cache. */
const OpenBatchesSchema = z.object({ open: z.array(z.object({ id: z.string(), keys: z.array(z.string()) })) });

/** The open batches; an unreadable file counts as none (the calls are then simply sent again). */
function readOpenBatches(path: string): OpenBatch[] {
  if (!existsSync(path)) return [];
  try {
    return OpenBatchesSchema.safeParse(JSON.parse(readFileSync(path, "utf8"))).data?.open ?? [];
  } catch {
    return [];
  }
}

function writeOpenBatches(path: string, open: readonly OpenBatch[]): Promise<void> {
  return writeFileAtomic(path, `${JSON.stringify({ open }, null, 2)}\n`);
}

/**
 * Collects the calls of the current stage that have no answer yet (none are sent).
 * @param onCached told the key of every answered call met on the way.
 */
async function pendingCalls(
  pairs: readonly AnnotationInput[],
  client: ChatClient,
  cache: AnnotationCache,
  flow: PairFlowOptions,
  onCached: (key: string) => void = () => {},
) {
  const pending = new Map<string, PendingCall>();
  const collect: CallRunner = async (spec, pair) => {
    const key = cacheKey(client.model, spec);
    // Only a finished answer is read back from disk; a failed call is collected again.
    const record = cache.status(key) === "ok" ? cache.get(key) : undefined;
    if (record?.status === "ok") {
      onCached(key);
      return cachedAnswer(spec, record);
    }
    if (!pending.has(key)) pending.set(key, { key, spec, pair });
    return undefined;
  };
  for (const pair of pairs) await runPairFlow(pair, collect, flow);
  return pending;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One line of a batch's output file, as far as it is read here (the provider adds more). */
const BatchLineSchema = z.looseObject({
  custom_id: z.string().optional(),
  response: z
    .looseObject({
      status_code: z.number().optional(),
      body: z
        .looseObject({
          choices: z
            .array(z.looseObject({ message: z.looseObject({ content: z.string().nullable().optional() }).optional(), finish_reason: z.string().optional() }))
            .optional(),
          usage: z.looseObject({ prompt_tokens: z.number().optional(), completion_tokens: z.number().optional() }).optional(),
        })
        .optional(),
    })
    .nullable()
    .optional(),
  error: z.looseObject({ message: z.string().optional(), code: z.string().optional() }).nullable().optional(),
});

/** Waits for a batch and merges its results into the cache. */
async function collectBatch(
  batch: OpenBatch,
  calls: ReadonlyMap<string, PendingCall>,
  client: ChatClient,
  cache: AnnotationCache,
  stats: CallStats,
  options: BatchOptions,
): Promise<void> {
  const started = Date.now();
  let status = await client.openai.batches.retrieve(batch.id);
  while (!TERMINAL.has(status.status)) {
    options.onPoll?.(status.status, batch.id);
    if (Date.now() - started > (options.maxWaitMs ?? 25 * 3600_000)) {
      throw new Error(`batch ${batch.id} still ${status.status} after waiting; rerun later to collect it`);
    }
    await sleep(options.pollIntervalMs ?? 30_000);
    status = await client.openai.batches.retrieve(batch.id);
  }
  options.onPoll?.(status.status, batch.id);
  // A batch line is one request: there are no retries inside a batch.
  const metaOf = (call: PendingCall): CallMeta => ({ key: call.key, pairId: call.pair.id, model: client.model, attempts: 1, via: "batch" });
  const fail = (call: PendingCall, reason: string) => {
    cache.append(failedRecord(call.spec, metaOf(call), reason));
    countOutcome(stats, call.pair.id, call.spec.promptId, { ok: false, reason });
  };
  const seen = new Set<string>();
  const merge = async (fileId: string | null | undefined) => {
    if (!fileId) return;
    const text = await (await client.openai.files.content(fileId)).text();
    for (const line of text.split("\n")) {
      if (line.trim() === "") continue;
      // A line that is not a result of this shape names no call; its call is failed below as missing.
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        continue;
      }
      const entry = BatchLineSchema.safeParse(json).data;
      if (entry === undefined) continue;
      const call = entry.custom_id === undefined ? undefined : calls.get(entry.custom_id);
      if (call === undefined || cache.status(call.key) === "ok") continue;
      seen.add(call.key);
      const statusCode = entry.response?.status_code;
      const choice = entry.response?.body?.choices?.[0];
      if (statusCode === 200 && choice !== undefined) {
        const usage = { input: entry.response?.body?.usage?.prompt_tokens ?? 0, output: entry.response?.body?.usage?.completion_tokens ?? 0 };
        const { record, parsed } = recordOutcome(call.spec, metaOf(call), {
          text: choice.message?.content ?? "",
          finishReason: choice.finish_reason ?? "unknown",
          usage,
          jsonMode: call.spec.params.json,
        });
        cache.append(record);
        countOutcome(stats, call.pair.id, call.spec.promptId, parsed, usage);
      } else {
        fail(call, `batch request failed (${entry.error?.message ?? `HTTP ${statusCode ?? "?"}`})`);
      }
    }
  };
  await merge(status.output_file_id);
  await merge(status.error_file_id);
  for (const key of batch.keys) {
    const call = calls.get(key);
    if (call === undefined || seen.has(key) || cache.status(key) === "ok") continue;
    fail(call, `missing from the results of batch ${batch.id} (status ${status.status})`);
  }
}

/**
 * Runs the annotation through the Batch API in two stages, merging into `cache`.
 * @param statePath file remembering open batches (normally `<out>/batches.json`).
 */
export async function runBatchStages(
  pairs: readonly AnnotationInput[],
  client: ChatClient,
  cache: AnnotationCache,
  stats: CallStats,
  statePath: string,
  flow: PairFlowOptions,
  options: BatchOptions = {},
): Promise<void> {
  // Every distinct call is counted once: as skipped when an earlier run answered it, else by the
  // batch that carried it.
  const counted = new Set<string>();
  const countCached = (key: string) => {
    if (counted.has(key)) return;
    counted.add(key);
    stats.skipped += 1;
  };
  // Pick up batches a previous run submitted but did not collect.
  let open = readOpenBatches(statePath);
  if (open.length > 0) {
    const known = await pendingCalls(pairs, client, cache, flow);
    for (const batch of open) {
      for (const key of batch.keys) counted.add(key);
      await collectBatch(batch, known, client, cache, stats, options);
      open = open.filter((item) => item.id !== batch.id);
      await writeOpenBatches(statePath, open);
    }
  }
  // Calls that fail in this run are not resubmitted within it; a plain rerun retries them.
  const sent = new Set<string>();
  for (let stage = 1; stage <= 2; stage += 1) {
    const pending = await pendingCalls(pairs, client, cache, flow, countCached);
    const toSend = [...pending.values()].filter((call) => !sent.has(call.key));
    for (const call of toSend) {
      sent.add(call.key);
      counted.add(call.key);
    }
    if (toSend.length === 0) continue;
    const size = options.maxRequestsPerBatch ?? 50_000;
    for (let start = 0; start < toSend.length; start += size) {
      const chunk = toSend.slice(start, start + size);
      const jsonl = chunk
        .map((call) => JSON.stringify({ custom_id: call.key, method: "POST", url: "/v1/chat/completions", body: client.requestBody(call.spec) }))
        .join("\n");
      const file = await client.openai.files.create({ file: await toFile(Buffer.from(`${jsonl}\n`), `annotation-stage${stage}.jsonl`), purpose: "batch" });
      const batch = await client.openai.batches.create({ input_file_id: file.id, endpoint: "/v1/chat/completions", completion_window: "24h" });
      const entry: OpenBatch = { id: batch.id, keys: chunk.map((call) => call.key) };
      open = [...open, entry];
      await writeOpenBatches(statePath, open);
      await collectBatch(entry, pending, client, cache, stats, options);
      open = open.filter((item) => item.id !== entry.id);
      await writeOpenBatches(statePath, open);
    }
  }
}
