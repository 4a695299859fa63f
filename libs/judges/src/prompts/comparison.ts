/**
 * The comparison prompt, validated once at load time, rendered for either endpoint and for either
 * order of the two responses, and read back (what a scripted test server does).
 *
 * "Order 12" shows the dataset's first response as Response A and the second as Response B;
 * "order 21" swaps them. Every output of this library speaks of the dataset's responses (A = the
 * first, as everywhere in the project), so the letter a model names in order 21 is translated back.
 */
import { z } from "zod";
import { fillTemplate, matchTemplate, type ChatMessage, type PairTexts } from "@prefdissect/annotation";
import { comparisonPrompt } from "./comparison.prompt.js";

const lines = z.array(z.string()).transform((parts) => parts.join("\n"));

const ComparisonPromptSchema = z.strictObject({
  id: z.literal("judge-comparison"),
  version: z.number().int().positive(),
  purpose: z.string(),
  /** The raw text for the completions endpoint; it ends right before the verdict letter. */
  completion: lines,
  system: lines,
  user: lines,
});

export type ComparisonPrompt = z.infer<typeof ComparisonPromptSchema>;

/** The prompt in use. */
export const COMPARISON_PROMPT: ComparisonPrompt = ComparisonPromptSchema.parse(comparisonPrompt);

/** Which response is shown first: "12" the dataset's first (as Response A), "21" its second. */
export type PairOrder = "12" | "21";
export const PAIR_ORDERS: readonly PairOrder[] = ["12", "21"];

/** Where a prompt goes: chat completions (the server's chat template) or completions (raw text). */
export type JudgeEndpoint = "chat" | "completions";

/** The slot values for one order of a pair. */
export function comparisonInputs(pair: PairTexts, order: PairOrder): Record<string, string> {
  const [first, second] = order === "12" ? [pair.responseA, pair.responseB] : [pair.responseB, pair.responseA];
  return { query: pair.query, response_a: first, response_b: second };
}

/** The request content for `inputs`: chat messages, or the raw completions prompt. */
export function renderComparison(
  inputs: Readonly<Record<string, string>>,
  endpoint: JudgeEndpoint,
  prompt = COMPARISON_PROMPT,
): { messages: ChatMessage[]; prompt?: string } {
  if (endpoint === "completions") return { messages: [], prompt: fillTemplate(prompt.completion, inputs) };
  return {
    messages: [
      { role: "system", content: prompt.system },
      { role: "user", content: fillTemplate(prompt.user, inputs) },
    ],
  };
}

/** The query and the two responses as shown (Response A first), read back from a rendered request. */
export interface ShownComparison {
  readonly query: string;
  readonly shownA: string;
  readonly shownB: string;
}

/**
 * Reads a request rendered by `renderComparison` back into its parts; `undefined` for any other
 * text. A chat request must carry the prompt's system message.
 */
export function readComparison(
  request: { endpoint: JudgeEndpoint; prompt?: string; system?: string; user?: string },
  prompt = COMPARISON_PROMPT,
): ShownComparison | undefined {
  let values: Record<string, string> | undefined;
  if (request.endpoint === "completions") values = matchTemplate(prompt.completion, request.prompt ?? "");
  else if (request.system === prompt.system) values = matchTemplate(prompt.user, request.user ?? "");
  if (values === undefined) return undefined;
  return { query: values.query!, shownA: values.response_a!, shownB: values.response_b! };
}
