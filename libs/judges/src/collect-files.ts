/**
 * The files `pd judge collect` writes besides `labels.json` (the released labels layout, owned by
 * @prefdissect/data):
 *
 *   logprobs.jsonl   one line per pair and order: both letters' probabilities, whether each is
 *                    only a bound, the generated text and the raw top-k list
 *   summary.json     what was asked of which server, and what came back (pairs, ties, position
 *                    bias, certainty, tokens)
 *
 * "A" in the labels and in `score1` means the dataset's first response; in a logprobs line, `pA`
 * and `pB` are the letters as shown in that order (order "21" shows the second response as A).
 */
import { z } from "zod";
import { formatTag, jsonDocumentFormat, jsonLinesFormat } from "@prefdissect/shared";
import { PAIR_ORDERS, type PairOrder } from "./prompts/comparison.js";
import type { OrderReading } from "./comparison-call.js";
import { combineOrders, type PairVerdict } from "./reading/orders.js";

export const COLLECT_SUMMARY_TAG = "prefdissect.judge-collect/1";

const probability = z.number().min(0).max(1);

export const LogprobsLineSchema = z.object({
  /** 0-based position of the pair in the dataset. */
  index: z.number().int().nonnegative(),
  /** The pair's id in the dataset file. */
  id: z.string(),
  order: z.enum(PAIR_ORDERS as [PairOrder, ...PairOrder[]]),
  /** Probability of the letter A (the response shown first) at the first token; a bound when `boundA`. */
  pA: probability,
  pB: probability,
  boundA: z.boolean(),
  boundB: z.boolean(),
  /** The generated text. */
  text: z.string(),
  /** The first token's top-k list as the server sent it, most likely first (empty when sampled). */
  top: z.array(z.object({ token: z.string(), logprob: z.number() })),
  /** True when the verdict was read from a sampled answer (`--no-logprobs`): pA and pB are 1 and 0. */
  sampled: z.boolean(),
});
export type LogprobsLine = z.infer<typeof LogprobsLineSchema>;

/** A logprobs line from one order's reading. */
export function logprobsLine(index: number, id: string, order: PairOrder, reading: OrderReading, sampled: boolean): LogprobsLine {
  return {
    index,
    id,
    order,
    pA: Math.min(1, reading.A.p),
    pB: Math.min(1, reading.B.p),
    boundA: reading.A.bound,
    boundB: reading.B.bound,
    text: reading.text,
    top: reading.top.map(({ token, logprob }) => ({ token, logprob })),
    sampled,
  };
}

/**
 * Every pair of a logprobs file with both orders, combined (pairs with one order only are left
 * out), in index order.
 */
export function pairVerdicts(lines: readonly LogprobsLine[]): PairVerdict[] {
  const byIndex = new Map<number, Partial<Record<PairOrder, LogprobsLine>>>();
  for (const line of lines) byIndex.set(line.index, { ...byIndex.get(line.index), [line.order]: line });
  const verdictOf = (line: LogprobsLine) => ({ A: { p: line.pA, bound: line.boundA }, B: { p: line.pB, bound: line.boundB } });
  return [...byIndex.entries()]
    .sort(([a], [b]) => a - b)
    .flatMap(([index, orders]) => (orders["12"] && orders["21"] ? [combineOrders(index, verdictOf(orders["12"]), verdictOf(orders["21"]))] : []));
}

const count = z.number().int().nonnegative();
const share = z.number().min(0).max(1).nullable();

export const CollectSummarySchema = z.object({
  format: formatTag(COLLECT_SUMMARY_TAG),
  model: z.string(),
  /** The server URL without credentials or query string. */
  server: z.string(),
  /** True when the server said it is this project's loopback server (`pd mock-server`). */
  loopback: z.boolean(),
  endpoint: z.enum(["chat", "completions"]),
  reading: z.enum(["logprobs", "sampled"]),
  prompt: z.object({ id: z.string(), version: z.number().int().positive() }),
  /** k of the top-k list asked for; null when sampled. */
  topLogprobs: z.number().int().nonnegative().nullable(),
  sampling: z.object({ temperature: z.number(), topP: z.number(), seed: z.number().int(), maxTokens: z.number().int().positive() }),
  data: z.object({ file: z.string(), format: z.string(), pairs: count, synthetic: z.boolean() }),
  /** Pairs asked about (the first `--limit` pairs, or all). */
  pairs: count,
  /** Pairs with both orders answered; labels.json is written only when this equals `pairs`. */
  complete: count,
  labels: z.object({ A: count, B: count }),
  ties: count,
  /** Pairs where a letter was missing from a top-k list, so a bound stands in for its probability. */
  bounded: count,
  certainty: z.object({ mean: share, median: share }),
  positionBias: z.object({ pairs: count, shownFirst: share, aBothOrders: count, bBothOrders: count, consistent: count }),
  calls: z.object({ done: count, failed: count, skipped: count }),
  /** Requests that failed and were retried or recorded, by kind ("3× HTTP 429"); "" when none. */
  failedRequests: z.string(),
  tokens: z.object({ input: count, output: count }),
  /** USD for this run's tokens at list price; null when the model has no known price. */
  cost: z.number().nonnegative().nullable(),
  files: z.object({ labels: z.string().nullable(), logprobs: z.string() }),
});
export type CollectSummary = z.infer<typeof CollectSummarySchema>;

/** `logprobs.jsonl`: one line per pair and order. */
export const LOGPROBS_FILE = jsonLinesFormat({
  what: "the logprobs.jsonl that pd judge collect writes (one line per pair and order)",
  line: LogprobsLineSchema,
});

/** `summary.json` of a collect run. */
export const COLLECT_SUMMARY_FILE = jsonDocumentFormat({
  what: `the summary.json that pd judge collect writes (${COLLECT_SUMMARY_TAG})`,
  schema: CollectSummarySchema,
  indent: 2,
});
