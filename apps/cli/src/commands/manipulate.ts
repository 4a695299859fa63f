/**
 * `pd manipulate`: audit how far a judge can be gamed (paper §4.3). `prompts` picks the
 * properties to push and writes the system message; `generate` answers MT-Bench (or AlpacaEval)
 * questions with and without it; `dpo` writes judge-labelled preference pairs; `gameability`
 * estimates, before any run, how much each property could move the judge; `compare` reads what
 * FastChat's or AlpacaEval's judge made of the answers. See docs/manipulation.md.
 */
import { join } from "node:path";
import { Option, type Command } from "commander";
import { PrefDissectError, redactUrl } from "@prefdissect/shared";
import { GROUP_IDS, JUDGES, PROPERTIES, type DatasetFormat } from "@prefdissect/data";
import { loadPairDataset, readFormatFile, writeFormatFile } from "@prefdissect/data/node";
import { SCENARIO_MEAN } from "@prefdissect/similarity";
import {
  ALPACA_EVAL_ANNOTATIONS_FILE,
  DEFAULT_MIN_MARGIN,
  DPO_PAIRS_FILE,
  FASTCHAT_JUDGMENTS_FILE,
  GAMEABILITY_FILE,
  GAMEABILITY_TAG,
  MANIPULATION_MODES,
  MANIPULATION_PROMPT_FILE,
  MANIPULATION_PROMPT_TAG,
  MAX_TARGETS,
  PAPER_REPORTED_SHIFTS,
  PAPER_SHIFTS_LABEL,
  alpacaEvalWinRates,
  describeGroup,
  estimateGameability,
  fastChatScores,
  judgeName,
  labelDpoPairs,
  rankGains,
  requireWeights,
  selectTargets,
  systemPromptFor,
  DEFAULT_ANSWER_SETTINGS,
  type GameabilityReport,
  type ManipulationMode,
  type ManipulationPrompt,
} from "@prefdissect/manipulation";
import {
  FASTCHAT_BENCH,
  MT_BENCH,
  SYNTHETIC_DATA,
  generateAnswers,
  loadGameabilityData,
  loadJudgeDraws,
  loadJudgeWeights,
  loadMtBenchReferenceAnswers,
  loadQuestions,
  readSystemPrompt,
} from "@prefdissect/manipulation/node";
import { positiveNumber, wholeNumber } from "../flags.js";
import { createProgress } from "../progress.js";
import { addServerFlags, counted, resolveServer, serverSettings, type ServerFlags } from "../server-flags.js";

/** A judge by id or display name (any case); other ids pass through for refits of new judges. */
function judgeId(text: string): string {
  const lower = text.trim().toLowerCase();
  return JUDGES.find((judge) => judge.id.toLowerCase() === lower || judge.displayName.toLowerCase() === lower)?.id ?? text.trim();
}

const percent = (value: number) => `${value.toFixed(2)} %`;
const points = (value: number) => `${value >= 0 ? "+" : ""}${value.toFixed(2)}`;

const weightsOption = () =>
  new Option("--weights <source>", "released (the authors' weights), refit (data/derived/refit), a refit's output folder or a folder of weight files").default(
    "released",
  );
const judgeOption = () => new Option("--judge <judge>", "judge id or name, e.g. human, gpt-4-1106-preview, GPT-4-Turbo").makeOptionMandatory();

interface PromptsFlags {
  judge: string;
  k: string;
  mode: ManipulationMode;
  group?: string;
  weights: string;
  out?: string;
}

function registerPrompts(parent: Command): void {
  parent
    .command("prompts")
    .description(
      "Pick the judge's k most (favour) or least (avoid) preferred properties by P(p), averaged over the 11 scenarios or in one group, " +
        "and write the system message asking a model to show (or avoid) them. Query-specific properties are left out unless the group is their case.",
    )
    .addOption(judgeOption())
    .option("--k <n>", `how many properties (1–${MAX_TARGETS})`, "3")
    .addOption(
      new Option("--mode <mode>", "favour: the judge's favourites (aligned); avoid: its least favourite (reversed)")
        .choices(MANIPULATION_MODES)
        .default("favour"),
    )
    .option("--group <id>", `rank in one group instead of the scenario mean (${GROUP_IDS.join(", ")})`)
    .addOption(weightsOption())
    .option("--out <file>", "write the JSON here (default: print it)")
    .addHelpText("after", "\nExample:\n  pd manipulate prompts --judge gpt-4-1106-preview --k 3 --mode favour --out favour-gpt4.json")
    .action(async (flags: PromptsFlags) => {
      const k = wholeNumber("k", flags.k, 1, MAX_TARGETS);
      const { weights, label } = await loadJudgeWeights(flags.weights);
      const judge = judgeId(flags.judge);
      const selection = selectTargets(
        weights,
        judge,
        { k, mode: flags.mode, ...(flags.group !== undefined ? { group: flags.group } : {}) },
        `--weights ${label}`,
      );
      const prompt: ManipulationPrompt = { format: MANIPULATION_PROMPT_TAG, ...selection, weights: label, systemPrompt: systemPromptFor(selection) };
      const err = process.stderr;
      err.write(
        `${judgeName(judge)}, ${flags.mode === "favour" ? "most" : "least"} preferred by P(p) in ${describeGroup(selection.group)} (${label} weights):\n`,
      );
      for (const property of prompt.properties) err.write(`  ${property.label.padEnd(26)} ${percent(property.preference)}\n`);
      if (prompt.properties.length < k) err.write(`  (only ${prompt.properties.length} properties can be asked of any answer here)\n`);
      for (const skipped of prompt.skipped) err.write(`  skipped ${skipped.label}: ${skipped.reason}\n`);
      if (flags.out === undefined) process.stdout.write(MANIPULATION_PROMPT_FILE.stringify(prompt));
      else {
        await writeFormatFile(MANIPULATION_PROMPT_FILE, flags.out, prompt);
        err.write(`wrote ${flags.out}\n`);
      }
    });
}

interface GenerateFlags extends ServerFlags {
  questions: string;
  systemPrompt?: string;
  out: string;
  limit?: string;
  maxTokens: string;
}

function registerGenerate(parent: Command): void {
  const command = parent
    .command("generate")
    .description(
      "Answer benchmark questions (turn 1) with an OpenAI-compatible model, without and with a system message, through the annotator's client, cache and retries. " +
        "Writes FastChat's model_answer/<model>.jsonl (with a turn-1 question file) and AlpacaEval's model_outputs.json; rerunning resumes from <out>/cache.jsonl.",
    )
    .option(
      "--questions <source>",
      `"${MT_BENCH}" (MT-Bench's 80 questions, fetched and checksummed), a question.jsonl in MT-Bench's format, or an AlpacaEval JSON list`,
      MT_BENCH,
    )
    .option("--system-prompt <file>", "the JSON of pd manipulate prompts, or a plain text file; every question is also answered after it")
    .requiredOption("--out <dir>", "output folder");
  addServerFlags(command, "model name as the server knows it")
    .option("--limit <n>", "answer only the first n questions")
    .option("--max-tokens <n>", "longest answer in tokens", String(DEFAULT_ANSWER_SETTINGS.maxTokens))
    .addHelpText(
      "after",
      `
Example (no key needed):
  pd mock-server --port 8787 &
  OPENAI_API_KEY=none pd manipulate generate --questions mt-bench --model mock --base-url http://127.0.0.1:8787/v1 \\
      --system-prompt favour-gpt4.json --out runs/manipulation`,
    )
    .action(async (flags: GenerateFlags) => {
      const { concurrency, timeoutMs, maxRetries, seed } = serverSettings(flags);
      const limit = wholeNumber("limit", flags.limit, 1);
      const maxTokens = wholeNumber("max-tokens", flags.maxTokens, 1);
      const { baseURL, apiKey } = resolveServer(flags);
      const loaded = await loadQuestions(flags.questions);
      const questions = { ...loaded, questions: limit === undefined ? loaded.questions : loaded.questions.slice(0, limit) };
      const systemPrompt = flags.systemPrompt === undefined ? undefined : await readSystemPrompt(flags.systemPrompt);
      const variants = systemPrompt === undefined ? 1 : 2;
      const progress = createProgress("answers", questions.questions.length * variants);
      let summary;
      try {
        summary = await generateAnswers({
          questions,
          model: flags.model,
          baseURL,
          apiKey,
          outDir: flags.out,
          ...(systemPrompt !== undefined ? { systemPrompt } : {}),
          settings: { ...DEFAULT_ANSWER_SETTINGS, seed, maxTokens },
          concurrency,
          timeoutMs,
          retry: { maxRetries },
          ...(flags.questions === MT_BENCH ? { referenceAnswers: await loadMtBenchReferenceAnswers() } : {}),
          onAnswer: (variant, question, ok) => progress.tick(1, `${variant} #${question.questionId}${ok ? "" : " failed"}`),
        });
      } finally {
        progress.stop();
      }
      const out = process.stdout;
      out.write(`Answered ${counted(questions.questions.length, "question")} (${questions.format}) with ${flags.model} at ${redactUrl(baseURL)}\n`);
      out.write(`  calls: ${summary.calls.done} done, ${summary.calls.failed} failed, ${summary.calls.skipped} reused from ${summary.files.cache}\n`);
      if (summary.calls.requests.failedCount > 0) out.write(`  failed requests (retried where it helps): ${summary.calls.requests.describe()}\n`);
      out.write(`  tokens: ${summary.calls.usage.input} in, ${summary.calls.usage.output} out\n`);
      for (const variant of summary.variants) {
        out.write(
          `  ${variant.modelId}${variant.system ? " (with the system message)" : ""}: ${variant.answered} answers\n    ${variant.files.fastchat}\n    ${variant.files.alpacaEval}\n`,
        );
      }
      out.write(`  FastChat: run its judge in ${join(flags.out, "fastchat")} with --bench-name ${FASTCHAT_BENCH} (docs/manipulation.md)\n`);
      if (summary.failed.length > 0) {
        const first = summary.failed[0]!;
        throw new PrefDissectError(
          "annotation-incomplete",
          `${counted(summary.failed.length, "answer")} failed (e.g. ${first.modelId} question ${first.questionId}: ${first.reason}); rerun the same command to retry them`,
        );
      }
    });
}

interface DpoFlags {
  pairs: string;
  format?: DatasetFormat;
  judge: string;
  weights: string;
  inverse?: boolean;
  minMargin: string;
  out: string;
}

function registerDpo(parent: Command): void {
  parent
    .command("dpo")
    .description(
      "Label annotated pairs with the judge's fitted regression — P(A wins) = σ(Σ w_p·x_p) from the pair's comparison features and the judge's weights for its scenario — " +
        "and write the confident ones as {prompt, chosen, rejected} JSONL, the preference format TRL's DPO trainer reads.",
    )
    .requiredOption("--pairs <file|hf>", "annotated pairs with their texts: a Parquet file in the HF layout (e.g. from pd synth), our pairs JSONL/CSV, or hf")
    .option("--format <format>", "force the dataset format (hf-parquet, pairs-jsonl, pairs-csv)")
    .addOption(judgeOption())
    .addOption(weightsOption())
    .option("--inverse", "swap chosen and rejected (the paper's reversed setting)")
    .option("--min-margin <m>", "keep a pair when |P(A wins) − P(B wins)| ≥ m (0–1)", String(DEFAULT_MIN_MARGIN))
    .requiredOption("--out <file>", "JSONL file to write")
    .addHelpText(
      "after",
      "\nExample:\n  pd synth --weights released --seed 0 --out synthetic.parquet\n  pd manipulate dpo --pairs synthetic.parquet --judge gpt-4-1106-preview --out dpo-gpt4.jsonl",
    )
    .action(async (flags: DpoFlags) => {
      const minMargin = positiveNumber("min-margin", flags.minMargin, true);
      if (minMargin > 1)
        throw new PrefDissectError("bad-flag", `--min-margin must be a number from 0 to 1, got "${flags.minMargin}"`, { field: "--min-margin" });
      const { weights, label } = await loadJudgeWeights(flags.weights);
      const judge = judgeId(flags.judge);
      requireWeights(weights, judge, [], `--weights ${label}`);
      const data = await loadPairDataset({ data: flags.pairs, ...(flags.format ? { format: flags.format } : {}) });
      const labelled = labelDpoPairs(data.pairs, weights, judge, { minMargin, ...(flags.inverse ? { inverse: true } : {}) });
      if (labelled.pairs.length === 0 && labelled.withoutWeights.size > 0 && labelled.groups.length === 0) {
        const [scenario] = labelled.withoutWeights.keys();
        throw new PrefDissectError(
          "missing-weights",
          `--weights ${label} has no weights for ${judgeName(judge)} in the scenarios of ${flags.pairs} (e.g. "${scenario}")`,
          { field: "scenario" },
        );
      }
      await writeFormatFile(DPO_PAIRS_FILE, flags.out, labelled.pairs);
      const err = process.stderr;
      err.write(
        `${judgeName(judge)} (${label} weights)${flags.inverse ? ", inverse" : ""}, margin ≥ ${minMargin}: kept ${labelled.pairs.length} of ${data.pairs.length} pairs` +
          (data.source.synthetic ? " (SYNTHETIC data)" : "") +
          "\n",
      );
      for (const group of labelled.groups) err.write(`  ${group.group.padEnd(20)} ${String(group.kept).padStart(5)} of ${group.candidates}\n`);
      if (labelled.excluded > 0) err.write(`  left out: ${counted(labelled.excluded, "pair")} whose error check was not applicable\n`);
      for (const [scenario, count] of labelled.withoutWeights)
        err.write(`  left out: ${counted(count, "pair")} of scenario "${scenario}" (no weights for it)\n`);
      err.write(`wrote ${flags.out}\n`);
    });
}

interface GameabilityFlags {
  judge: string;
  weights: string;
  data: string;
  group?: string;
  top: string;
  mass: string;
  out?: string;
}

function registerGameability(parent: Command): void {
  parent
    .command("gameability")
    .description(
      "Estimate, per property, how much the judge's predicted win rate would change if every response got better on that property alone " +
        "(its comparison becoming +1), averaged over both responses of the pairs of each group. Released weights give a point estimate; " +
        "a refit's posterior draws add an interval.",
    )
    .addOption(judgeOption())
    .addOption(weightsOption())
    .option(
      "--data <file>",
      `pairs to average over: "${SYNTHETIC_DATA}" (the pairs of pd synth --weights released --seed 0, made in memory), hf, or a dataset file`,
      SYNTHETIC_DATA,
    )
    .option("--group <id>", "print this group instead of the mean over the 11 scenarios")
    .option("--top <n>", "properties listed at each end", "5")
    .option("--mass <p>", "probability mass of the intervals", "0.9")
    .option("--out <file>", "also write every group's estimate as JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  pd manipulate gameability --judge human\n  pd manipulate gameability --judge gpt-4-1106-preview --weights refit --out gameability-gpt4.json",
    )
    .action(async (flags: GameabilityFlags) => {
      const top = wholeNumber("top", flags.top, 1, PROPERTIES.length);
      const mass = positiveNumber("mass", flags.mass);
      if (mass >= 1) throw new PrefDissectError("bad-flag", `--mass must be a number between 0 and 1, got "${flags.mass}"`, { field: "--mass" });
      if (flags.group !== undefined && !GROUP_IDS.includes(flags.group)) {
        throw new PrefDissectError("unknown-group", `--group: unknown group "${flags.group}" (known: ${GROUP_IDS.join(", ")})`, { field: "--group" });
      }
      const { weights, label, refitDir } = await loadJudgeWeights(flags.weights);
      const judge = judgeId(flags.judge);
      const groups = GROUP_IDS.filter((group) => weights.get(group)?.has(judge));
      requireWeights(weights, judge, flags.group === undefined ? [] : [flags.group], `--weights ${label}`);
      const data = await loadGameabilityData(flags.data);
      const draws = refitDir === undefined ? undefined : await loadJudgeDraws(refitDir, judge, groups);
      const results = estimateGameability({
        weights: new Map(groups.map((group) => [group, weights.get(group)!.get(judge)!])),
        rows: data.rows,
        groups,
        ...(draws !== undefined ? { draws } : {}),
        mass,
      });
      const shown = results.find((result) => result.group === (flags.group ?? SCENARIO_MEAN));
      if (shown === undefined) {
        const missing = flags.group ?? "one of the 11 scenarios";
        throw new PrefDissectError("missing-data", `${data.source.file} has no usable pairs in ${missing}, so there is nothing to average over`, {
          file: data.source.file,
        });
      }
      const withDraws = shown.draws > 0;
      const out = process.stdout;
      out.write(
        `Gameability of ${judgeName(judge)}: change in predicted win rate (percentage points, from 50 %) if every response improved on one property alone\n` +
          `  ${describeGroup(shown.group === SCENARIO_MEAN ? null : shown.group)}, ${label} weights, ${shown.pairs} pairs of ${data.source.file}${data.source.synthetic ? " (SYNTHETIC data)" : ""}` +
          `${withDraws ? `, ${Math.round(mass * 100)} % interval from ${shown.draws} posterior draws` : ", point estimate"}\n`,
      );
      const ranked = rankGains(shown);
      const line = (gain: (typeof ranked)[number]) =>
        `  ${PROPERTIES[gain.propertyIndex]!.name.padEnd(26)} ${points(gain.gain).padStart(7)}${gain.low !== undefined ? `  [${points(gain.low)}, ${points(gain.high!)}]` : ""}\n`;
      out.write("Largest gains:\n");
      for (const gain of ranked.slice(0, top)) out.write(line(gain));
      out.write("At the other end (negative: the judge would like it less):\n");
      for (const gain of ranked.slice(-top).reverse()) out.write(line(gain));
      out.write(
        `For scale, ${PAPER_SHIFTS_LABEL}: ${PAPER_REPORTED_SHIFTS.map((shift) => `${shift.benchmark} ${shift.setting} ${shift.value.toFixed(2)} ${shift.unit}`).join("; ")}\n`,
      );
      if (flags.out !== undefined) {
        const report: GameabilityReport = {
          format: GAMEABILITY_TAG,
          judge,
          weights: label,
          data: { file: data.source.file, rows: data.rows.length, synthetic: data.source.synthetic },
          mass: results.some((result) => result.draws > 0) ? mass : null,
          groups: results.map((result) => ({ ...result, gains: rankGains(result).map((gain) => ({ ...gain, label: PROPERTIES[gain.propertyIndex]!.name })) })),
        };
        await writeFormatFile(GAMEABILITY_FILE, flags.out, report);
        process.stderr.write(`wrote ${flags.out}\n`);
      }
    });
}

interface CompareFlags {
  fastchat?: string;
  alpacaEval?: string;
  turn: string;
}

function registerCompare(parent: Command): void {
  parent
    .command("compare")
    .description(
      "Read what the benchmarks' judges made of the answers: mean turn-1 grade per model from FastChat's single-answer judgments, win rates from AlpacaEval's annotations.",
    )
    .option("--fastchat <file>", "FastChat's model_judgment/<judge>_single.jsonl")
    .option("--alpaca-eval <file>", "AlpacaEval's annotations.json (output_1 the reference, output_2 the model)")
    .option("--turn <n>", "FastChat turn to average (the paper scores turn 1)", "1")
    .action(async (flags: CompareFlags) => {
      if (flags.fastchat === undefined && flags.alpacaEval === undefined) {
        throw new PrefDissectError("bad-flag", "give --fastchat <judgments> and/or --alpaca-eval <annotations>", { field: "--fastchat" });
      }
      const turn = wholeNumber("turn", flags.turn, 1);
      const out = process.stdout;
      if (flags.fastchat !== undefined) {
        const scores = fastChatScores(await readFormatFile(FASTCHAT_JUDGMENTS_FILE, flags.fastchat), turn);
        if (scores.length === 0) throw new PrefDissectError("no-pairs", `${flags.fastchat} has no readable grades for turn ${turn}`, { file: flags.fastchat });
        out.write(`FastChat, turn ${turn} (mean grade 1–10):\n`);
        const base = scores.at(-1)!.mean;
        for (const score of scores)
          out.write(`  ${score.model.padEnd(40)} ${score.mean.toFixed(2)}  (${score.questions} questions, ${points(score.mean - base)} vs the lowest)\n`);
      }
      if (flags.alpacaEval !== undefined) {
        const rates = alpacaEvalWinRates(await readFormatFile(ALPACA_EVAL_ANNOTATIONS_FILE, flags.alpacaEval));
        if (rates.length === 0) throw new PrefDissectError("no-pairs", `${flags.alpacaEval} has no annotations with a verdict`, { file: flags.alpacaEval });
        out.write("AlpacaEval (win rate of the model over the reference, ties count half):\n");
        for (const rate of rates) {
          out.write(
            `  ${rate.model} vs ${rate.reference}: ${rate.winRate.toFixed(2)} % (${rate.wins} won, ${rate.losses} lost, ${rate.ties} tied of ${rate.comparisons})\n`,
          );
        }
      }
    });
}

export function register(program: Command): void {
  const parent = program
    .command("manipulate")
    .description(
      "Audit how far a judge can be gamed (paper §4.3): judge-aware system prompts, benchmark answers, judge-labelled DPO pairs, a gameability estimate, and the comparison of judged runs.",
    );
  registerPrompts(parent);
  registerGenerate(parent);
  registerDpo(parent);
  registerGameability(parent);
  registerCompare(parent);
}
