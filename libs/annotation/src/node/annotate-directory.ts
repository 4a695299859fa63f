/**
 * `annotateToDirectory`: the whole annotation run behind `pd annotate`.
 *
 *   pairs ──► calls (live, bounded concurrency; or Batch API) ──► <out>/cache.jsonl
 *                                                                    │ (every answer, appended)
 *   <out>/pairs.jsonl    ◄── PairRecord per fully annotated pair  ◄──┤
 *   <out>/features.jsonl ◄── comparison features (data module)    ◄──┘
 *   <out>/provenance.json   model, prompt versions, parameters, counts
 *
 * The outputs are rebuilt from the cache at the end of every run, so they never depend on which
 * run produced which answer: an interrupted and resumed run writes the same files as one that
 * was never interrupted.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PrefDissectError, redactUrl } from "@prefdissect/shared";
import { formatFeatureRows, formatPairsJsonl } from "@prefdissect/data";
import { writeFileAtomic } from "@prefdissect/data/node";
import type { AnnotationInput } from "../input/pairs.js";
import { DEFAULT_SAMPLING, type SamplingSettings } from "../plan/calls.js";
import { runPairFlow, type CallRunner, type PairFlowOptions } from "../plan/pair-flow.js";
import { PROMPTS, PROMPT_IDS, type PromptId } from "../prompts/catalog.js";
import { costOf, priceFor, type ModelPrice } from "../pricing.js";
import { toFeatureLine, toPairRecord } from "../resolve/to-pair-record.js";
import { AnnotationCache, type CacheOpenReport } from "./annotation-cache.js";
import { runBatchStages, type BatchOptions } from "./batch-runner.js";
import { cacheKey } from "./cache-key.js";
import { cachedAnswer, createCallExecutor, emptyStats, type CallStats } from "./call-executor.js";
import { clientFor, type ServerRunOptions } from "./run-options.js";

export interface AnnotateOptions extends ServerRunOptions {
  readonly pairs: readonly AnnotationInput[];
  readonly outDir: string;
  readonly sampling?: SamplingSettings;
  readonly useInputReference?: boolean;
  readonly disableJsonMode?: boolean;
  /** Go through the Batch API instead of live requests. */
  readonly batch?: boolean | BatchOptions;
  /** Called when a pair has all its answers or can get no further in this run. */
  readonly onPairSettled?: (pair: AnnotationInput, complete: boolean) => void;
  readonly onBatchPoll?: (status: string, batchId: string) => void;
}

export interface AnnotateSummary {
  readonly pairs: number;
  /** Pairs with every answer, written to pairs.jsonl and features.jsonl. */
  readonly complete: number;
  readonly incomplete: ReadonlyArray<{ id: string; line: number; missing: ReadonlyArray<{ promptId: PromptId; reason: string }> }>;
  /** Pairs whose error check was not applicable for a response (kept, flagged `excluded`). */
  readonly excluded: number;
  readonly calls: CallStats;
  /** USD for the tokens of this run; undefined when the model has no known price. */
  readonly cost: number | undefined;
  readonly price: ModelPrice | undefined;
  readonly cache: CacheOpenReport;
  readonly files: { readonly cache: string; readonly pairs: string; readonly features: string; readonly provenance: string };
}

export async function annotateToDirectory(options: AnnotateOptions): Promise<AnnotateSummary> {
  // First, so a base URL carrying credentials is refused before anything is created.
  const client = clientFor(options, options.disableJsonMode ? { disableJsonMode: true } : {});
  mkdirSync(options.outDir, { recursive: true });
  const files = {
    cache: join(options.outDir, "cache.jsonl"),
    pairs: join(options.outDir, "pairs.jsonl"),
    features: join(options.outDir, "features.jsonl"),
    provenance: join(options.outDir, "provenance.json"),
  };
  const sampling = options.sampling ?? DEFAULT_SAMPLING;
  const flow: PairFlowOptions = { sampling, useInputReference: options.useInputReference ?? false };
  const cache = AnnotationCache.open(files.cache, { sync: options.syncCache ?? true });
  const stats = emptyStats();
  try {
    if (options.batch) {
      const batchOptions: BatchOptions = {
        ...(typeof options.batch === "object" ? options.batch : {}),
        ...(options.onBatchPoll ? { onPoll: options.onBatchPoll } : {}),
      };
      try {
        await runBatchStages(options.pairs, client, cache, stats, join(options.outDir, "batches.json"), flow, batchOptions);
      } catch (error) {
        throw new PrefDissectError("batch-failed", `the Batch API run stopped: ${client.scrub((error as Error).message)}`);
      }
    } else {
      const executor = createCallExecutor({ client, cache, concurrency: options.concurrency ?? 8, stats });
      await Promise.all(
        options.pairs.map(async (pair) => {
          const outcome = await runPairFlow(pair, executor.run, flow);
          if (executor.state.fatal === undefined) options.onPairSettled?.(pair, outcome.complete);
        }),
      );
      if (executor.state.fatal !== undefined) {
        throw new PrefDissectError("annotation-server", executor.state.fatal.message);
      }
    }

    // Resolution reads only the cache, whichever way the answers got there.
    const lookup: CallRunner = async (spec) => cachedAnswer(spec, cache.get(cacheKey(options.model, spec)));
    const records = [];
    const features = [];
    const incomplete: Array<AnnotateSummary["incomplete"][number]> = [];
    let excluded = 0;
    for (const [index, pair] of options.pairs.entries()) {
      const outcome = await runPairFlow(pair, lookup, flow);
      if (options.batch) options.onPairSettled?.(pair, outcome.complete);
      if (!outcome.complete) {
        incomplete.push({ id: pair.id, line: pair.line, missing: outcome.missing });
        continue;
      }
      const record = toPairRecord(pair, outcome.answers);
      const line = toFeatureLine(record, index);
      if (line.excluded) excluded += 1;
      records.push(record);
      features.push(line);
    }
    await writeFileAtomic(files.pairs, formatPairsJsonl(records));
    await writeFileAtomic(files.features, formatFeatureRows(features));

    const price = options.price ?? priceFor(options.model);
    const cost = price === undefined ? undefined : costOf(stats.usage, price, Boolean(options.batch));
    const provenance = {
      model: options.model,
      server: redactUrl(options.baseURL),
      mode: options.batch ? "batch" : "live",
      sampling,
      prompts: Object.fromEntries(PROMPT_IDS.map((id) => [id, PROMPTS[id].version])),
      referenceAnswer: flow.useInputReference ? "from the input where present" : "generated",
      pairs: options.pairs.length,
      complete: records.length,
      excluded,
    };
    await writeFileAtomic(files.provenance, `${JSON.stringify(provenance, null, 2)}\n`);
    return {
      pairs: options.pairs.length,
      complete: records.length,
      incomplete,
      excluded,
      calls: stats,
      cost,
      price,
      cache: cache.report,
      files,
    };
  } finally {
    cache.close();
  }
}
