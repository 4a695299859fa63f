/**
 * `pd annotate`: annotate pairs on the 29 properties with an OpenAI-compatible model, resumably,
 * and write PairRecords plus comparison features. See docs/annotation.md.
 */
import type { Command } from "commander";
import { PrefDissectError, redactUrl } from "@prefdissect/shared";
import { estimateRun, costOf, type AnnotationInput, type ModelPrice } from "@prefdissect/annotation";
import { annotateToDirectory, readPairsFile, type AnnotateSummary } from "@prefdissect/annotation/node";
import { fetchArtifacts } from "@prefdissect/data/node";
import { createProgress } from "../progress.js";
import { wholeNumber } from "../flags.js";
import {
  addServerFlags,
  counted,
  formatCost,
  formatNumber,
  priceNote,
  resolvePrice,
  resolveServer,
  serverSettings,
  type ServerFlags,
} from "../server-flags.js";

interface AnnotateFlags extends ServerFlags {
  in: string;
  out?: string;
  limit?: string;
  dryRun?: boolean;
  batch?: boolean;
  useInputReference?: boolean;
  jsonMode: boolean;
  pollInterval: string;
}

async function loadPairs(source: string): Promise<AnnotationInput[]> {
  if (source.startsWith("artifact:")) {
    const [path] = await fetchArtifacts([source.slice("artifact:".length)]);
    return readPairsFile(path!);
  }
  return readPairsFile(source);
}

function printDryRun(pairs: AnnotationInput[], flags: AnnotateFlags, price: ModelPrice | undefined, seed: number): void {
  const estimate = estimateRun(pairs, { temperature: 0, topP: 1, seed }, flags.useInputReference ?? false);
  const out = process.stdout;
  out.write(`Dry run: nothing is sent. Prompts for the first pair (id ${pairs[0]?.id}):\n`);
  for (const call of estimate.example) {
    out.write(`\n=== ${call.promptId} v${call.promptVersion} (${call.params.json ? "JSON mode" : "text"}, max_tokens ${call.params.maxTokens}) ===\n`);
    for (const message of call.messages) out.write(`--- ${message.role} ---\n${message.content}\n`);
  }
  out.write(`\nEstimate for ${counted(estimate.pairs, "pair")} with ${flags.model} (about 4 characters per token; answer lengths assumed):\n`);
  const row = (label: string, calls: number, input: number, output: number) =>
    out.write(
      `  ${label.padEnd(18)} ${counted(calls, "call").padStart(12)}  ${formatNumber(input).padStart(12)} in  ${formatNumber(output).padStart(10)} out\n`,
    );
  for (const line of estimate.perPrompt) row(line.promptId, line.calls, line.input, line.output);
  const { total } = estimate;
  row("total", total.calls, total.input, total.output);
  out.write("  (query-specific is an upper bound: it is only called for queries that trigger a case)\n");
  if (price !== undefined) {
    out.write(
      `Estimated cost: ${formatCost(costOf(total, price))} live, ${formatCost(costOf(total, price, true))} with --batch (${priceNote(flags.model, price, Boolean(flags.price))})\n`,
    );
  } else {
    out.write(`Estimated cost: unknown, ${priceNote(flags.model, price, false)}\n`);
  }
}

function printSummary(summary: AnnotateSummary, flags: AnnotateFlags, baseURL: string): void {
  const { calls } = summary;
  const out = process.stdout;
  out.write(`Annotated with ${flags.model} at ${redactUrl(baseURL)}${flags.batch ? " (Batch API)" : ""}\n`);
  out.write(`  calls: ${calls.done} done, ${calls.failed} failed, ${calls.skipped} skipped (already in the cache)\n`);
  if (calls.requests.failedCount > 0) out.write(`  failed requests (retried where it helps): ${calls.requests.describe()}\n`);
  out.write(`  tokens: ${formatNumber(calls.usage.input)} in, ${formatNumber(calls.usage.output)} out\n`);
  out.write(
    `  estimated cost: ${summary.cost === undefined ? "unknown" : formatCost(summary.cost)} (${priceNote(flags.model, summary.price, Boolean(flags.price))}${flags.batch ? ", batch discount applied" : ""})\n`,
  );
  out.write(
    `  pairs: ${summary.complete} of ${summary.pairs} complete (${summary.excluded} excluded from fits: error check not applicable), ${summary.incomplete.length} incomplete\n`,
  );
  if (summary.cache.tornBytes > 0) out.write(`  repaired the cache: dropped a torn last line of ${summary.cache.tornBytes} bytes from an interrupted run\n`);
  if (summary.cache.unreadableLines > 0) out.write(`  warning: ignored ${summary.cache.unreadableLines} unreadable lines in ${summary.files.cache}\n`);
  out.write(`  wrote ${summary.files.pairs}, ${summary.files.features} (answers in ${summary.files.cache})\n`);
}

export function register(program: Command): void {
  const command = program
    .command("annotate")
    .description(
      "Annotate pairs of responses on the paper's 29 properties with an OpenAI-compatible model (OpenAI, vLLM, llama.cpp, Ollama, or `pd mock-server`). Every answer is cached in <out>/cache.jsonl, so rerunning the same command resumes an interrupted run and retries failed calls. Writes PairRecords (pairs.jsonl) and comparison features (features.jsonl).",
    )
    .requiredOption(
      "--in <file>",
      "pairs JSONL: the authors' raw format (prompt, response_a, response_b, …), Hugging Face rows, or our PairRecord lines; `artifact:<id>` reads a manifest artifact, e.g. artifact:sample-unannotated",
    )
    .option("--out <dir>", "output folder for cache.jsonl, pairs.jsonl, features.jsonl, provenance.json (required unless --dry-run)");
  addServerFlags(command, "model name as the server knows it, e.g. gpt-4o-mini or gpt-4-1106-preview")
    .option("--limit <k>", "annotate only the first K pairs")
    .option("--dry-run", "print the prompts of the first pair and a token and cost estimate; send nothing")
    .option("--batch", "use the Batch API: upload all requests, wait for the batch (up to 24 h), merge results; half price")
    .option("--use-input-reference", "use the reference answer shipped with the input (gpt4_ref_output) instead of generating one")
    .option("--no-json-mode", "never request JSON output mode (for servers that reject response_format; normally detected automatically)")
    .option("--poll-interval <seconds>", "with --batch: wait between status checks", "30")
    .addHelpText(
      "after",
      `
Examples:
  pd mock-server --port 8787 &            # a local server with deterministic answers, no key needed
  OPENAI_API_KEY=none pd annotate --in artifact:sample-unannotated --out runs/sample \\
      --model mock --base-url http://127.0.0.1:8787/v1
  pd annotate --in pairs.jsonl --out runs/gpt4o --model gpt-4o-mini --dry-run
  OPENAI_API_KEY=sk-... pd annotate --in pairs.jsonl --out runs/gpt4o --model gpt-4o-mini --batch`,
    )
    .action(async (flags: AnnotateFlags) => {
      const { concurrency, timeoutMs, maxRetries, seed } = serverSettings(flags);
      const pollSeconds = wholeNumber("poll-interval", flags.pollInterval, 1);
      const limit = flags.limit === undefined ? undefined : wholeNumber("limit", flags.limit, 1);
      const price = resolvePrice(flags);

      const allPairs = await loadPairs(flags.in);
      const pairs = limit === undefined ? allPairs : allPairs.slice(0, limit);
      if (flags.dryRun) {
        printDryRun(pairs, flags, price, seed);
        return;
      }
      if (flags.out === undefined) throw new PrefDissectError("bad-flag", "--out <dir> is required (unless --dry-run)", { field: "--out" });
      const { baseURL, apiKey } = resolveServer(flags);

      const progress = createProgress(flags.batch ? "annotate (batch)" : "annotate", pairs.length);
      let summary: AnnotateSummary;
      try {
        summary = await annotateToDirectory({
          pairs,
          outDir: flags.out,
          model: flags.model,
          baseURL,
          apiKey,
          concurrency,
          timeoutMs,
          retry: { maxRetries },
          sampling: { temperature: 0, topP: 1, seed },
          useInputReference: flags.useInputReference ?? false,
          disableJsonMode: !flags.jsonMode,
          batch: flags.batch ? { pollIntervalMs: pollSeconds * 1000 } : false,
          ...(price !== undefined ? { price } : {}),
          onPairSettled: (pair, complete) => progress.tick(1, complete ? `pair ${pair.id}` : `pair ${pair.id} incomplete`),
          onBatchPoll: (status, id) => process.stderr.write(`batch ${id}: ${status}\n`),
        });
      } finally {
        progress.stop();
      }
      printSummary(summary, flags, baseURL);
      if (summary.calls.failed > 0 || summary.incomplete.length > 0) {
        const first = summary.calls.failures[0] ?? summary.incomplete[0]?.missing[0];
        throw new PrefDissectError(
          "annotation-incomplete",
          `${summary.incomplete.length} of ${counted(summary.pairs, "pair")} ${summary.incomplete.length === 1 ? "is" : "are"} incomplete (${counted(summary.calls.failed, "call")} failed${first ? `, e.g. ${first.promptId}: ${first.reason}` : ""}); rerun the same command to retry them`,
        );
      }
    });
}
