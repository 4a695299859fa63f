/**
 * One order of one pair as a call for the annotator's client, cache and executor: the rendered
 * comparison prompt, one generated token with its top-k list (or, without log-probabilities, a
 * short sampled answer), and how the answer is read.
 */
import type { AnyCallSpec, PairTexts, TokenLogprob } from "@prefdissect/annotation";
import { COMPARISON_PROMPT, comparisonInputs, renderComparison, type JudgeEndpoint, type PairOrder } from "./prompts/comparison.js";
import { letterOfAnswer, readFirstToken } from "./reading/choice-tokens.js";
import type { OrderVerdict } from "./reading/orders.js";

/** How verdicts are read: the first token's log-probabilities, or the letter of a sampled answer. */
export type ReadingMode = "logprobs" | "sampled";

export interface CollectSettings {
  readonly endpoint: JudgeEndpoint;
  readonly reading: ReadingMode;
  /** k of the top-k list asked for (logprobs reading). */
  readonly topLogprobs: number;
  /** Sampling seed sent with every request (temperature is always 0). */
  readonly seed: number;
}

/**
 * Default k per endpoint: 20 is the most OpenAI's chat endpoint lists and vLLM's default cap;
 * 5 is the most OpenAI's completions endpoint lists.
 */
export const DEFAULT_TOP_LOGPROBS: Readonly<Record<JudgeEndpoint, number>> = { chat: 20, completions: 5 };

/** Tokens a sampled answer may take: enough for "Response A." and little more. */
export const SAMPLED_MAX_TOKENS = 8;

/** What one order's answer gave. */
export interface OrderReading extends OrderVerdict {
  /** The generated text. */
  readonly text: string;
  /** The first token's top-k list, most likely first (empty for a sampled answer). */
  readonly top: readonly TokenLogprob[];
}

function parseLogprobs(text: string, firstToken: readonly TokenLogprob[] | undefined) {
  if (firstToken === undefined) return { ok: false as const, reason: "the answer has no log-probabilities" };
  const verdict = readFirstToken(firstToken);
  if (verdict === undefined) return { ok: false as const, reason: "the first token came with an empty top-k list" };
  return { ok: true as const, value: { ...verdict, text, top: [...firstToken] }, repaired: [] };
}

function parseSampled(text: string) {
  const letter = letterOfAnswer(text);
  if (letter === undefined) return { ok: false as const, reason: `the answer names neither A nor B: ${JSON.stringify(text.slice(0, 80))}` };
  const certain = { p: 1, bound: false };
  const never = { p: 0, bound: false };
  return { ok: true as const, value: { A: letter === "A" ? certain : never, B: letter === "B" ? certain : never, text, top: [] }, repaired: [] };
}

/** The call for one order of `pair`. */
export function comparisonCall(pair: PairTexts, order: PairOrder, settings: CollectSettings): AnyCallSpec<OrderReading> {
  const inputs = comparisonInputs(pair, order);
  const logprobs = settings.reading === "logprobs";
  return {
    promptId: COMPARISON_PROMPT.id,
    promptVersion: COMPARISON_PROMPT.version,
    inputs,
    ...renderComparison(inputs, settings.endpoint),
    params: {
      temperature: 0,
      topP: 1,
      seed: settings.seed,
      maxTokens: logprobs ? 1 : SAMPLED_MAX_TOKENS,
      json: false,
      ...(settings.endpoint === "completions" ? { endpoint: "completions" as const } : {}),
      ...(logprobs ? { topLogprobs: settings.topLogprobs } : {}),
    },
    parse: logprobs ? parseLogprobs : parseSampled,
  };
}
