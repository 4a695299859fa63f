/**
 * The bodies the loopback server answers with, in the shapes of OpenAI's API reference (the
 * shapes vLLM and llama.cpp's server return as well): `chat.completion` and `text_completion`,
 * each with log-probabilities when the request asks for them.
 *
 * Tokens are imitated by splitting the answer into words with their leading whitespace. The first
 * token's alternatives come from the answer's scripted distribution when it has one (a scripted
 * judge's "A" and "B"); otherwise the sampled token is certain. Filler tokens take the rest of the
 * probability mass, so a top-k list looks like a real one: the scripted choices among unrelated
 * tokens.
 */
import { estimateTokens } from "../../pricing.js";
import type { TokenLogprob } from "../../plan/calls.js";
import { fnv1a } from "./mock-answers.js";

/** The answer to one request, before it is put in a response shape. */
export interface ScriptedAnswer {
  readonly text: string;
  /** Probabilities of candidate first tokens (summing to at most 1); the text starts with one of them. */
  readonly firstToken?: ReadonlyArray<{ readonly token: string; readonly probability: number }>;
}

/** What the request asked for that changes the shape of the answer. */
export interface AnswerRequest {
  readonly model: string;
  /** Tokens of the prompt, estimated. */
  readonly promptTokens: number;
  /** `max_tokens`: the answer is cut to this many tokens (finish_reason "length"). */
  readonly maxTokens?: number;
  /** Top-k alternatives asked for per position; undefined when no log-probabilities were asked for. */
  readonly topLogprobs?: number;
  /** Leave the log-probabilities out even though they were asked for (a fault). */
  readonly withholdLogprobs?: boolean;
}

/** Tokens that are never an answer: they share the probability the scripted tokens leave over. */
const FILLERS = [
  " The",
  " Both",
  "\n",
  " I",
  " Response",
  " It",
  " Neither",
  " This",
  " Based",
  " After",
  " In",
  " Yes",
  " No",
  " We",
  " Overall",
  " To",
  " My",
  " They",
  " Each",
  " One",
  " Let",
];

/** Splits an answer into imitated tokens: each word with the whitespace before it. */
export function imitateTokens(text: string): string[] {
  return text.match(/\s*\S+|\s+/g) ?? [];
}

/** Filler tokens a top-k list may use besides `taken`. */
export function fillerTokens(taken: readonly string[] = []): string[] {
  return FILLERS.filter((token) => !taken.includes(token));
}

/**
 * The first position's alternatives, most likely first, at most `k` of them: the scripted
 * distribution (or the sampled token alone, certain), then fillers with geometrically falling
 * shares of what is left.
 */
export function firstTokenAlternatives(answer: ScriptedAnswer, sampled: string, k: number): TokenLogprob[] {
  const scripted = answer.firstToken?.filter((entry) => entry.probability > 0) ?? [{ token: sampled, probability: 1 }];
  const rest = Math.max(0, 1 - scripted.reduce((sum, entry) => sum + entry.probability, 0));
  const fillers = fillerTokens(scripted.map((entry) => entry.token)).map((token, i) => ({
    token,
    // Never exactly zero: a log-probability of -Infinity is not JSON.
    probability: Math.max(rest * 0.5 ** (i + 1), 1e-12 * 0.5 ** i),
  }));
  return [...scripted, ...fillers]
    .map((entry) => ({ token: entry.token, logprob: Math.log(entry.probability) }))
    .sort((a, b) => b.logprob - a.logprob)
    .slice(0, k);
}

/** The answer cut to `maxTokens` imitated tokens, and whether it was cut. */
function cut(answer: ScriptedAnswer, maxTokens: number | undefined): { tokens: string[]; cut: boolean } {
  const tokens = imitateTokens(answer.text);
  if (maxTokens === undefined || tokens.length <= maxTokens) return { tokens, cut: false };
  return { tokens: tokens.slice(0, maxTokens), cut: true };
}

/** Log-probability of each generated token: the first from its alternatives, the rest certain. */
function tokenLogprobs(answer: ScriptedAnswer, tokens: readonly string[]): number[] {
  const first = tokens[0];
  const scripted = answer.firstToken?.find((entry) => entry.token === first);
  return tokens.map((_token, i) => (i === 0 && scripted !== undefined ? Math.log(scripted.probability) : 0));
}

function usage(request: AnswerRequest, text: string) {
  const completion = estimateTokens(text);
  return { prompt_tokens: request.promptTokens, completion_tokens: completion, total_tokens: request.promptTokens + completion };
}

const bytesOf = (token: string) => [...Buffer.from(token, "utf8")];

/** A `chat.completion` body. */
export function chatCompletionBody(answer: ScriptedAnswer, request: AnswerRequest, finishReason?: string) {
  const { tokens, cut: wasCut } = cut(answer, request.maxTokens);
  const text = tokens.join("");
  const k = request.topLogprobs;
  let logprobs: { content: unknown[]; refusal: null } | null = null;
  if (k !== undefined && !request.withholdLogprobs) {
    const values = tokenLogprobs(answer, tokens);
    logprobs = {
      content: tokens.map((token, i) => ({
        token,
        logprob: values[i]!,
        bytes: bytesOf(token),
        top_logprobs: (i === 0 ? firstTokenAlternatives(answer, token, k) : [{ token, logprob: 0 }].slice(0, k)).map((entry) => ({
          ...entry,
          bytes: bytesOf(entry.token),
        })),
      })),
      refusal: null,
    };
  }
  return {
    id: `chatcmpl-mock-${fnv1a(text).toString(36)}`,
    object: "chat.completion",
    created: 1_700_000_000,
    model: request.model,
    choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: finishReason ?? (wasCut ? "length" : "stop"), logprobs }],
    usage: usage(request, text),
  };
}

/** A `text_completion` body (the completions endpoint). */
export function textCompletionBody(answer: ScriptedAnswer, request: AnswerRequest) {
  const { tokens, cut: wasCut } = cut(answer, request.maxTokens);
  const text = tokens.join("");
  const k = request.topLogprobs;
  let logprobs: { tokens: string[]; token_logprobs: number[]; top_logprobs: Array<Record<string, number>>; text_offset: number[] } | null = null;
  if (k !== undefined && !request.withholdLogprobs) {
    const offsets: number[] = [];
    let offset = 0;
    for (const token of tokens) {
      offsets.push(offset);
      offset += token.length;
    }
    logprobs = {
      tokens,
      token_logprobs: tokenLogprobs(answer, tokens),
      top_logprobs: tokens.map((token, i) =>
        Object.fromEntries(
          (i === 0 ? firstTokenAlternatives(answer, token, k) : [{ token, logprob: 0 }].slice(0, k)).map((entry) => [entry.token, entry.logprob]),
        ),
      ),
      text_offset: offsets,
    };
  }
  return {
    id: `cmpl-mock-${fnv1a(text).toString(36)}`,
    object: "text_completion",
    created: 1_700_000_000,
    model: request.model,
    choices: [{ index: 0, text, logprobs, finish_reason: wasCut ? "length" : "stop" }],
    usage: usage(request, text),
  };
}
