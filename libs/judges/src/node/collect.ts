/**
 * `collectJudge`: the run behind `pd judge collect`.
 *
 *   pairs × orders 12 and 21 ──► comparison calls (annotator's client, executor, retries) ──► <out>/cache.jsonl
 *   <out>/logprobs.jsonl ◄── one line per pair and order ◄──────────────────────────────────────┤
 *   <out>/labels.json    ◄── one "A"/"B" per pair (only once every pair has both orders) ◄────────┤
 *   <out>/summary.json   ◄── model, server, settings, ties, position bias, certainty, tokens ◄────┘
 *
 * The outputs are rebuilt from the cache at the end of every run, so an interrupted run that is
 * resumed writes exactly what an uninterrupted one would have.
 */
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { costOf, priceFor } from "@prefdissect/annotation";
import {
  AnnotationCache,
  LOOPBACK_OWNER,
  cacheKey,
  cachedAnswer,
  clientFor,
  createCallExecutor,
  emptyStats,
  type CacheOpenReport,
  type CallStats,
  type ChatClient,
  type ServerRunOptions,
} from "@prefdissect/annotation/node";
import type { PreferenceLabel } from "@prefdissect/data";
import { writeLabelsFile } from "@prefdissect/data/node";
import { PrefDissectError, redactUrl } from "@prefdissect/shared";
import { comparisonCall, SAMPLED_MAX_TOKENS, type CollectSettings, type OrderReading } from "../comparison-call.js";
import { COLLECT_SUMMARY_TAG, logprobsLine, type CollectSummary, type LogprobsLine } from "../collect-files.js";
import { writeCollectSummary, writeLogprobsFile } from "./files.js";
import { COMPARISON_PROMPT, PAIR_ORDERS } from "../prompts/comparison.js";
import { combineOrders, countVerdicts, type PairVerdict } from "../reading/orders.js";
import type { ComparisonData, ComparisonPair } from "./comparison-pairs.js";

export interface CollectOptions extends ServerRunOptions {
  /** The dataset; the first `limit` pairs are judged (all by default). */
  readonly data: ComparisonData;
  readonly limit?: number;
  readonly outDir: string;
  readonly settings: CollectSettings;
  /** Called when a pair has both orders answered, or can get no further in this run. */
  readonly onPairSettled?: (pair: ComparisonPair, complete: boolean) => void;
}

export interface CollectResult {
  readonly summary: CollectSummary;
  /** Pairs without both orders, with the first reason. */
  readonly incomplete: ReadonlyArray<{ index: number; id: string; reason: string }>;
  readonly calls: CallStats;
  readonly cache: CacheOpenReport;
  readonly files: { readonly cache: string; readonly logprobs: string; readonly labels: string | null; readonly summary: string };
}

/** Whether the server at `client` says it is this project's loopback server; false when it cannot say. */
async function isLoopback(client: ChatClient): Promise<boolean> {
  try {
    const page = await client.openai.models.list({ timeout: 10_000, maxRetries: 0 });
    return page.data.some((model) => model.owned_by === LOOPBACK_OWNER);
  } catch {
    return false;
  }
}

export async function collectJudge(options: CollectOptions): Promise<CollectResult> {
  // First, so a base URL carrying credentials is refused before anything is created.
  const client = clientFor(options);
  const pairs = options.limit === undefined ? options.data.pairs : options.data.pairs.slice(0, options.limit);
  const { settings } = options;
  mkdirSync(options.outDir, { recursive: true });
  const files = {
    cache: join(options.outDir, "cache.jsonl"),
    logprobs: join(options.outDir, "logprobs.jsonl"),
    labels: join(options.outDir, "labels.json"),
    summary: join(options.outDir, "summary.json"),
  };
  const loopback = await isLoopback(client);
  const cache = AnnotationCache.open(files.cache, { sync: options.syncCache ?? true });
  const stats = emptyStats();
  try {
    const executor = createCallExecutor({ client, cache, concurrency: options.concurrency ?? 8, stats });
    await Promise.all(
      pairs.map(async (pair) => {
        const answers = await Promise.all(PAIR_ORDERS.map((order) => executor.run(comparisonCall(pair, order, settings), pair)));
        if (executor.state.fatal === undefined)
          options.onPairSettled?.(
            pair,
            answers.every((answer) => answer?.ok === true),
          );
      }),
    );

    // Everything below reads the cache only, whichever run answered.
    const lines: LogprobsLine[] = [];
    const verdicts: PairVerdict[] = [];
    const incomplete: Array<CollectResult["incomplete"][number]> = [];
    const sampled = settings.reading === "sampled";
    for (const pair of pairs) {
      const readings: OrderReading[] = [];
      let reason: string | undefined;
      for (const order of PAIR_ORDERS) {
        const spec = comparisonCall(pair, order, settings);
        const answer = cachedAnswer(spec, cache.get(cacheKey(options.model, spec)));
        if (answer?.ok) {
          readings.push(answer.value);
          lines.push(logprobsLine(pair.index, pair.id, order, answer.value, sampled));
        } else {
          reason ??= answer === undefined ? "not answered yet" : answer.reason;
        }
      }
      if (readings.length === 2) verdicts.push(combineOrders(pair.index, readings[0]!, readings[1]!));
      else incomplete.push({ index: pair.index, id: pair.id, reason: reason! });
    }
    const complete = incomplete.length === 0;
    await writeLogprobsFile(files.logprobs, lines);
    if (complete) {
      const labels: PreferenceLabel[] = verdicts.map((verdict) => verdict.label);
      await writeLabelsFile(files.labels, labels);
    } else {
      // A labels file from an earlier, different run must not pass for this one's.
      rmSync(files.labels, { force: true });
    }

    const counts = countVerdicts(verdicts);
    const price = options.price ?? priceFor(options.model);
    const summary: CollectSummary = {
      format: COLLECT_SUMMARY_TAG,
      model: options.model,
      server: redactUrl(options.baseURL),
      loopback,
      endpoint: settings.endpoint,
      reading: settings.reading,
      prompt: { id: COMPARISON_PROMPT.id, version: COMPARISON_PROMPT.version },
      topLogprobs: sampled ? null : settings.topLogprobs,
      sampling: { temperature: 0, topP: 1, seed: settings.seed, maxTokens: sampled ? SAMPLED_MAX_TOKENS : 1 },
      data: { file: options.data.file, format: options.data.format, pairs: options.data.pairs.length, synthetic: options.data.synthetic },
      pairs: pairs.length,
      complete: verdicts.length,
      labels: counts.labels,
      ties: counts.ties,
      bounded: counts.bounded,
      certainty: counts.certainty,
      positionBias: counts.positionBias,
      calls: { done: stats.done, failed: stats.failed, skipped: stats.skipped },
      failedRequests: stats.requests.describe(),
      tokens: { ...stats.usage },
      cost: price === undefined ? null : costOf(stats.usage, price),
      files: { labels: complete ? "labels.json" : null, logprobs: "logprobs.jsonl" },
    };
    await writeCollectSummary(files.summary, summary);
    if (executor.state.fatal !== undefined) {
      throw new PrefDissectError(
        "judge-server",
        `${executor.state.fatal.message}; ${verdicts.length} of ${pairs.length} pairs are done and kept in ${files.cache}`,
      );
    }
    return { summary, incomplete, calls: stats, cache: cache.report, files: { ...files, labels: complete ? files.labels : null } };
  } finally {
    cache.close();
  }
}
