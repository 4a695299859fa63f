/**
 * Benchmark questions in either format the two benchmarks use: FastChat's MT-Bench
 * `question.jsonl` (one `{question_id, category, turns}` per line) or an AlpacaEval instruction
 * set (a JSON list of `{instruction, …}`). The paper scores MT-Bench's first turn, so a question
 * is its first turn; the id and category are kept so answers can be written back in both formats.
 */
import { PrefDissectError } from "@prefdissect/shared";
import { ALPACA_EVAL_INSTRUCTIONS_FILE, FASTCHAT_QUESTIONS_FILE } from "./formats.js";

export type QuestionFormat = "mt-bench" | "alpaca-eval";

export interface BenchmarkQuestion {
  /** MT-Bench's question_id; for AlpacaEval the 1-based position in the list. */
  readonly questionId: number;
  /** MT-Bench's category, or AlpacaEval's `dataset` (default "alpaca_eval"). */
  readonly category: string;
  /** The first turn: what is sent to the model and scored. */
  readonly instruction: string;
  /** AlpacaEval's `dataset`, written back into model_outputs.json. */
  readonly dataset?: string;
}

export interface QuestionSet {
  readonly format: QuestionFormat;
  readonly file: string;
  readonly questions: BenchmarkQuestion[];
}

/** Reads a questions file, telling the format by its content: a JSON list, or JSON lines. */
export function parseQuestions(text: string, file: string): QuestionSet {
  const first = text.trimStart().charAt(0);
  const firstLine = text.trimStart().split("\n", 1)[0]!;
  let questions: BenchmarkQuestion[];
  let format: QuestionFormat;
  if (first === "[") {
    format = "alpaca-eval";
    questions = ALPACA_EVAL_INSTRUCTIONS_FILE.parse(text, file).map((entry, i) => ({
      questionId: i + 1,
      category: entry.dataset ?? "alpaca_eval",
      instruction: entry.instruction,
      ...(entry.dataset !== undefined ? { dataset: entry.dataset } : {}),
    }));
  } else if (first === "{" && /"question_id"\s*:/.test(firstLine)) {
    format = "mt-bench";
    questions = FASTCHAT_QUESTIONS_FILE.parse(text, file).map((line) => ({
      questionId: line.question_id,
      category: line.category,
      instruction: line.turns[0]!,
    }));
  } else {
    throw new PrefDissectError(
      "wrong-format",
      `${file} is neither MT-Bench questions (JSON lines with question_id, category, turns) nor an AlpacaEval instruction set (a JSON list of objects with instruction)`,
      { file },
    );
  }
  if (questions.length === 0) throw new PrefDissectError("wrong-format", `${file} holds no questions`, { file });
  const seen = new Set<number>();
  for (const question of questions) {
    if (seen.has(question.questionId))
      throw new PrefDissectError("duplicate-id", `${file}: question_id ${question.questionId} appears twice`, { file, field: "question_id" });
    seen.add(question.questionId);
  }
  return { format, file, questions };
}
