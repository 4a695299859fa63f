/**
 * `pd judge collect`: ask a model which response of every pair is better, in both orders, and read
 * its verdict from the first token's log-probabilities. See docs/judges.md.
 */
import { Option, type Command } from "commander";
import { PrefDissectError, redactUrl } from "@prefdissect/shared";
import { costOf, estimateTokens, type ModelPrice } from "@prefdissect/annotation";
import type { DatasetFormat } from "@prefdissect/data";
import { DEFAULT_TOP_LOGPROBS, PAIR_ORDERS, comparisonCall, type CollectSettings, type JudgeEndpoint } from "@prefdissect/judges";
import { collectJudge, readComparisonPairs, type CollectResult, type ComparisonData } from "@prefdissect/judges/node";
import { wholeNumber } from "../flags.js";
import { createProgress } from "../progress.js";
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

interface CollectFlags extends ServerFlags {
  data: string;
  format?: DatasetFormat;
  endpoint: JudgeEndpoint;
  topK?: string;
  logprobs: boolean;
  limit?: string;
  dryRun?: boolean;
  out?: string;
}

const percent = (share: number | null) => (share === null ? "n/a" : `${(100 * share).toFixed(1)} %`);

function describeReading(settings: CollectSettings): string {
  return settings.reading === "logprobs" ? `first-token log-probabilities, top ${settings.topLogprobs}` : "sampled answers (no log-probabilities)";
}

function printDryRun(data: ComparisonData, pairs: number, flags: CollectFlags, settings: CollectSettings, price: ModelPrice | undefined): void {
  const out = process.stdout;
  const first = data.pairs[0]!;
  out.write(`Dry run: nothing is sent. The request for the first pair (id ${first.id}), order 12 (its first response shown as A):\n`);
  const call = comparisonCall(first, "12", settings);
  if (call.prompt !== undefined) out.write(`--- completions prompt ---\n${call.prompt}\n`);
  for (const message of call.messages) out.write(`--- ${message.role} ---\n${message.content}\n`);
  let input = 0;
  for (const pair of data.pairs.slice(0, pairs)) {
    for (const order of PAIR_ORDERS) {
      const { prompt, messages } = comparisonCall(pair, order, settings);
      input += estimateTokens(prompt ?? messages.map((message) => message.content).join("\n"));
    }
  }
  const calls = 2 * pairs;
  const output = calls * call.params.maxTokens;
  out.write(`\nEstimate for ${counted(pairs, "pair")} (both orders: ${counted(calls, "call")}) with ${flags.model}, ${describeReading(settings)}:\n`);
  out.write(`  ${formatNumber(input)} tokens in, at most ${formatNumber(output)} out (about 4 characters per token)\n`);
  out.write(
    price === undefined
      ? `Estimated cost: unknown, ${priceNote(flags.model, price, false)}\n`
      : `Estimated cost: ${formatCost(costOf({ input, output }, price))} (${priceNote(flags.model, price, flags.price !== undefined)})\n`,
  );
}

function printSummary(result: CollectResult, flags: CollectFlags, settings: CollectSettings): void {
  const { summary } = result;
  const write = (line: string) => process.stdout.write(`${line}\n`);
  write(
    `Collected the verdicts of ${summary.model} at ${summary.server}${summary.loopback ? " (the loopback server)" : ""}: ${settings.endpoint} endpoint, ${describeReading(settings)}`,
  );
  write(
    `  pairs: ${summary.complete} of ${summary.pairs} complete; ${counted(summary.ties, "tie")}; ${summary.bounded} with a letter missing from the top-k list (bounded)`,
  );
  write(`  labels: ${summary.labels.A} A, ${summary.labels.B} B (A = the dataset's first response)`);
  const bias = summary.positionBias;
  write(
    `  position: the response shown first is favoured in ${percent(bias.shownFirst)} of orders; A in both orders ${bias.aBothOrders}, B in both ${bias.bBothOrders}, consistent ${bias.consistent}`,
  );
  const certainty = summary.certainty;
  write(`  certainty |P(A) − P(B)|, both orders: mean ${certainty.mean?.toFixed(3) ?? "n/a"}, median ${certainty.median?.toFixed(3) ?? "n/a"}`);
  write(`  calls: ${summary.calls.done} done, ${summary.calls.failed} failed, ${summary.calls.skipped} skipped (already in the cache)`);
  if (summary.failedRequests !== "") write(`  failed requests (retried where it helps): ${summary.failedRequests}`);
  write(
    `  tokens: ${formatNumber(summary.tokens.input)} in, ${formatNumber(summary.tokens.output)} out; estimated cost ${summary.cost === null ? "unknown" : formatCost(summary.cost)} (${priceNote(flags.model, resolvePrice(flags), flags.price !== undefined)})`,
  );
  if (result.cache.tornBytes > 0) write(`  repaired the cache: dropped a torn last line of ${result.cache.tornBytes} bytes from an interrupted run`);
  write(
    `  wrote ${summary.files.labels === null ? "" : `${result.files.labels}, `}${result.files.logprobs}, ${result.files.summary} (answers in ${result.files.cache})`,
  );
  if (summary.files.labels !== null) {
    write(
      `next: pd judge add --data ${flags.data} --labels ${result.files.labels} --name <id> --out <dir>${flags.limit !== undefined ? "  (on a dataset of these first pairs only)" : ""}`,
    );
  }
}

export function registerCollect(judge: Command): void {
  const command = judge
    .command("collect")
    .description(
      "Ask a model which response of every pair is better, in both orders, and read its verdict from the first token's log-probabilities " +
        "(any OpenAI-compatible server: OpenAI, vLLM, llama.cpp, or `pd mock-server`). Writes labels.json (for pd judge add and pd refit --labels), " +
        "logprobs.jsonl and summary.json; every answer is cached in <out>/cache.jsonl, so rerunning the same command resumes.",
    )
    .requiredOption(
      "--data <file|hf>",
      "the pairs: a pairs JSONL (the authors' raw layout, Hugging Face rows or PairRecords), our CSV, the Hugging Face Parquet, or 'hf'; only the query and the two responses are used",
    )
    .addOption(new Option("--format <format>", "force the dataset format").choices(["hf-parquet", "pairs-jsonl", "pairs-csv"]))
    .option("--out <dir>", "output folder (required unless --dry-run)");
  addServerFlags(command, "model name as the server knows it, e.g. gpt-4o-mini or meta-llama/Llama-2-7b-hf")
    .addOption(
      new Option(
        "--endpoint <endpoint>",
        "chat: /v1/chat/completions with the server's chat template; completions: /v1/completions with a raw prompt (base models)",
      )
        .choices(["chat", "completions"])
        .default("chat"),
    )
    .option(
      "--top-k <k>",
      `alternatives listed per token (default ${DEFAULT_TOP_LOGPROBS.chat} for chat, ${DEFAULT_TOP_LOGPROBS.completions} for completions: OpenAI's limits)`,
    )
    .option("--no-logprobs", "for servers without log-probabilities: read the letter of a short sampled answer instead (labels only; P(A) and P(B) are 1 or 0)")
    .option("--limit <k>", "judge only the first K pairs (labels.json then covers those only)")
    .option("--dry-run", "print the request for the first pair and a token and cost estimate; send nothing")
    .addHelpText(
      "after",
      `
Examples:
  pd synth --weights released --seed 0 --pairs 600 --out runs/synth.parquet
  pd mock-server --judge gpt-4-1106-preview --judge-data runs/synth.parquet &     # a scripted judge, no key needed
  OPENAI_API_KEY=none pd judge collect --data runs/synth.parquet --model mock --base-url http://127.0.0.1:8787/v1 --out runs/judge
  pd judge collect --data hf --model gpt-4o-mini --out runs/gpt-4o-mini --dry-run
  OPENAI_BASE_URL=http://localhost:8000/v1 OPENAI_API_KEY=none pd judge collect --data hf --model meta-llama/Llama-2-7b-hf --endpoint completions --out runs/llama-2-7b`,
    )
    .action(async (flags: CollectFlags) => {
      const { concurrency, timeoutMs, maxRetries, seed } = serverSettings(flags);
      const limit = flags.limit === undefined ? undefined : wholeNumber("limit", flags.limit, 1);
      const topLogprobs = flags.topK === undefined ? DEFAULT_TOP_LOGPROBS[flags.endpoint] : wholeNumber("top-k", flags.topK, 1, 20);
      const settings: CollectSettings = { endpoint: flags.endpoint, reading: flags.logprobs ? "logprobs" : "sampled", topLogprobs, seed };
      const price = resolvePrice(flags);
      const data = await readComparisonPairs(flags.data, flags.format);
      if (data.pairs.length === 0) throw new PrefDissectError("no-pairs", `${data.file} holds no pairs`, { file: data.file });
      const pairs = Math.min(limit ?? Infinity, data.pairs.length);
      if (flags.dryRun) {
        printDryRun(data, pairs, flags, settings, price);
        return;
      }
      if (flags.out === undefined) throw new PrefDissectError("bad-flag", "--out <dir> is required (unless --dry-run)", { field: "--out" });
      const { baseURL, apiKey } = resolveServer(flags);
      process.stderr.write(
        `judging ${counted(pairs, "pair")} of ${data.file}${data.synthetic ? " (SYNTHETIC)" : ""} with ${flags.model} at ${redactUrl(baseURL)}\n`,
      );
      const progress = createProgress("judge collect", pairs);
      let result: CollectResult;
      try {
        result = await collectJudge({
          data,
          ...(limit !== undefined ? { limit } : {}),
          outDir: flags.out,
          model: flags.model,
          baseURL,
          apiKey,
          settings,
          concurrency,
          timeoutMs,
          retry: { maxRetries },
          ...(price !== undefined ? { price } : {}),
          onPairSettled: (pair, complete) => progress.tick(1, complete ? `pair ${pair.id}` : `pair ${pair.id} incomplete`),
        });
      } finally {
        progress.stop();
      }
      printSummary(result, flags, settings);
      if (result.incomplete.length > 0) {
        const first = result.incomplete[0]!;
        throw new PrefDissectError(
          "judge-incomplete",
          `${result.incomplete.length} of ${counted(pairs, "pair")} ${result.incomplete.length === 1 ? "lacks" : "lack"} an answer in one order or both (e.g. pair ${first.id}: ${first.reason}); labels.json is written once every pair is done: rerun the same command to retry them`,
        );
      }
    });
}
