/**
 * One benchmark answer as a call of the annotator's client: the question's first turn, after the
 * system message when one is given. The call has its own prompt id and version, so its cached
 * answers never mix with annotation answers; the system message and the question are its
 * inputs, so a changed system message is a new call.
 */
import type { AnyCallSpec } from "@prefdissect/annotation";
import type { BenchmarkQuestion } from "./questions.js";

export const ANSWER_PROMPT_ID = "benchmark-answer";
/** Bump when the way a question is sent changes. */
export const ANSWER_PROMPT_VERSION = 1;

export interface AnswerSettings {
  /** 0 by default: a rerun gives (and the cache keeps) the same answers. */
  readonly temperature: number;
  readonly seed: number;
  /** FastChat's answer generation allows 1,024 new tokens. */
  readonly maxTokens: number;
}

export const DEFAULT_ANSWER_SETTINGS: AnswerSettings = { temperature: 0, seed: 42, maxTokens: 1024 };

/** The call that answers `question`, with `systemPrompt` first when given. */
export function answerCall(
  question: BenchmarkQuestion,
  systemPrompt: string | undefined,
  settings: AnswerSettings = DEFAULT_ANSWER_SETTINGS,
): AnyCallSpec<string> {
  const system = systemPrompt ?? "";
  return {
    promptId: ANSWER_PROMPT_ID,
    promptVersion: ANSWER_PROMPT_VERSION,
    inputs: { system, instruction: question.instruction },
    messages: [...(system === "" ? [] : [{ role: "system" as const, content: system }]), { role: "user" as const, content: question.instruction }],
    params: { temperature: settings.temperature, topP: 1, seed: settings.seed, maxTokens: settings.maxTokens, json: false },
    parse: (text) => (text.trim() === "" ? { ok: false, reason: "the model returned an empty answer" } : { ok: true, value: text, repaired: [] }),
  };
}
