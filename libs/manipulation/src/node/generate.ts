/**
 * Answers benchmark questions with any OpenAI-compatible model, without and with a system
 * message, through the annotator's client, durable cache, retries and failure tally, and writes
 * them in the formats the benchmarks' own tools read:
 *
 *   <out>/cache.jsonl                                   every answer (a rerun resumes)
 *   <out>/fastchat/data/turn1/question.jsonl            the questions, first turn only
 *   <out>/fastchat/data/turn1/reference_answer/gpt-4.jsonl   (MT-Bench) for FastChat's judge
 *   <out>/fastchat/data/turn1/model_answer/<model>.jsonl
 *   <out>/alpaca_eval/<model>/model_outputs.json
 *
 * Only the first turn is written because the paper scores turn 1; FastChat's judge skips its
 * second-turn grading for questions with one turn.
 */
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PrefDissectError } from "@prefdissect/shared";
import { writeFileAtomic, writeFormatFile } from "@prefdissect/data/node";
import {
  AnnotationCache,
  ChatClient,
  createCallExecutor,
  emptyStats,
  type CacheOpenReport,
  type CallStats,
  type ChatClientOptions,
} from "@prefdissect/annotation/node";
import { answerCall, DEFAULT_ANSWER_SETTINGS, type AnswerSettings } from "../answers.js";
import { ALPACA_EVAL_OUTPUTS_FILE, FASTCHAT_ANSWERS_FILE, FASTCHAT_QUESTIONS_FILE, type AlpacaEvalOutput, type FastChatAnswer } from "../formats.js";
import type { BenchmarkQuestion, QuestionSet } from "../questions.js";
import type { SystemPrompt } from "./inputs.js";

/** FastChat's bench name for the written folder (`--bench-name turn1`). */
export const FASTCHAT_BENCH = "turn1";

/** The server and model (`baseURL`, `apiKey`, `model`, `timeoutMs`, `retry`) as the annotator's client takes them. */
export interface GenerateOptions extends Pick<ChatClientOptions, "baseURL" | "apiKey" | "model" | "timeoutMs" | "retry"> {
  readonly questions: QuestionSet;
  readonly outDir: string;
  /** Also answer every question after this system message. */
  readonly systemPrompt?: SystemPrompt;
  readonly settings?: AnswerSettings;
  readonly concurrency?: number;
  /** MT-Bench's reference answers, copied beside the questions for FastChat's judge. */
  readonly referenceAnswers?: string;
  /** Told after each answered (or failed) question of each variant. */
  readonly onAnswer?: (variant: string, question: BenchmarkQuestion, ok: boolean) => void;
}

export interface GeneratedVariant {
  /** The model id in both benchmarks' files. */
  readonly modelId: string;
  readonly system: boolean;
  readonly answered: number;
  readonly files: { readonly fastchat: string; readonly alpacaEval: string };
}

export interface GenerateSummary {
  readonly variants: GeneratedVariant[];
  readonly calls: CallStats;
  readonly cache: CacheOpenReport;
  /** Questions without an answer, per model id. */
  readonly failed: ReadonlyArray<{ modelId: string; questionId: number; reason: string }>;
  readonly files: { readonly cache: string; readonly questions: string; readonly fastchatDir: string; readonly alpacaEvalDir: string };
}

/** A model id both benchmarks can use as a file name. */
export function modelIdFor(model: string, suffix?: string): string {
  const id = suffix === undefined ? model : `${model}+${suffix}`;
  return id.replace(/[^A-Za-z0-9._+-]+/g, "_");
}

/** A stable answer id (FastChat draws a random one; a stable one keeps reruns byte-identical). */
function answerId(modelId: string, questionId: number): string {
  return createHash("sha256").update(`${modelId}\n${questionId}`).digest("base64url").slice(0, 22);
}

export async function generateAnswers(options: GenerateOptions): Promise<GenerateSummary> {
  // First, so a base URL carrying credentials is refused before anything is created.
  const client = new ChatClient(options);
  const settings = options.settings ?? DEFAULT_ANSWER_SETTINGS;
  const fastchatDir = join(options.outDir, "fastchat", "data", FASTCHAT_BENCH);
  const alpacaEvalDir = join(options.outDir, "alpaca_eval");
  mkdirSync(options.outDir, { recursive: true });
  const files = { cache: join(options.outDir, "cache.jsonl"), questions: join(fastchatDir, "question.jsonl"), fastchatDir, alpacaEvalDir };
  const variants = [
    { modelId: modelIdFor(options.model), system: undefined as string | undefined },
    ...(options.systemPrompt ? [{ modelId: modelIdFor(options.model, options.systemPrompt.name), system: options.systemPrompt.text }] : []),
  ];
  const questions = options.questions.questions;
  const cache = AnnotationCache.open(files.cache);
  const stats = emptyStats();
  const failed: Array<{ modelId: string; questionId: number; reason: string }> = [];
  const written: GeneratedVariant[] = [];
  try {
    const executor = createCallExecutor({ client, cache, concurrency: options.concurrency ?? 8, stats });
    const answers = await Promise.all(
      variants.map((variant) =>
        Promise.all(
          questions.map(async (question) => {
            const parsed = await executor.run(answerCall(question, variant.system, settings), { id: `${variant.modelId}#${question.questionId}` });
            if (executor.state.fatal !== undefined) return undefined;
            options.onAnswer?.(variant.modelId, question, parsed?.ok === true);
            if (parsed === undefined || !parsed.ok) {
              failed.push({ modelId: variant.modelId, questionId: question.questionId, reason: parsed?.ok === false ? parsed.reason : "not sent" });
              return undefined;
            }
            return parsed.value;
          }),
        ),
      ),
    );
    if (executor.state.fatal !== undefined) throw new PrefDissectError("annotation-server", executor.state.fatal.message);

    await writeFormatFile(
      FASTCHAT_QUESTIONS_FILE,
      files.questions,
      questions.map((question) => ({ question_id: question.questionId, category: question.category, turns: [question.instruction] })),
    );
    if (options.referenceAnswers !== undefined) await writeFileAtomic(join(fastchatDir, "reference_answer", "gpt-4.jsonl"), options.referenceAnswers);
    // One timestamp per run; reruns from the cache differ only in it.
    const tstamp = Date.now() / 1000;
    for (const [v, variant] of variants.entries()) {
      const fastchat: FastChatAnswer[] = [];
      const alpaca: AlpacaEvalOutput[] = [];
      questions.forEach((question, q) => {
        const text = answers[v]![q];
        if (text === undefined) return;
        fastchat.push({
          question_id: question.questionId,
          answer_id: answerId(variant.modelId, question.questionId),
          model_id: variant.modelId,
          choices: [{ index: 0, turns: [text] }],
          tstamp,
        });
        alpaca.push({
          instruction: question.instruction,
          output: text,
          generator: variant.modelId,
          ...(question.dataset !== undefined ? { dataset: question.dataset } : {}),
        });
      });
      const paths = {
        fastchat: join(fastchatDir, "model_answer", `${variant.modelId}.jsonl`),
        alpacaEval: join(alpacaEvalDir, variant.modelId, "model_outputs.json"),
      };
      await writeFormatFile(FASTCHAT_ANSWERS_FILE, paths.fastchat, fastchat);
      await writeFormatFile(ALPACA_EVAL_OUTPUTS_FILE, paths.alpacaEval, alpaca);
      written.push({ modelId: variant.modelId, system: variant.system !== undefined, answered: fastchat.length, files: paths });
    }
  } finally {
    cache.close();
  }
  return { variants: written, calls: stats, cache: cache.report, failed, files };
}
