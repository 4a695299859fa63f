/**
 * The dry run: every prompt a run would send and a token estimate, without calling anything.
 * Two calls depend on earlier answers, so they are estimated with stand-ins: the error check with
 * the input's reference answer (or a short placeholder, counted at the assumed length of a
 * reference answer), and the query-specific call
 * as if every case were triggered with one item each — an upper bound, since in the paper's data
 * about half of the queries trigger any case.
 */
import type { QueryInfo } from "@prefdissect/data";
import type { AnnotationInput } from "../input/pairs.js";
import { estimateTokens } from "../pricing.js";
import { PROMPT_IDS, type PromptId } from "../prompts/catalog.js";
import {
  DEFAULT_SAMPLING,
  errorDetectionCall,
  queryAnalysisCall,
  queryAwareRatingCall,
  queryFreeRatingCall,
  querySpecificCall,
  referenceAnswerCall,
  type CallSpec,
  type SamplingSettings,
} from "./calls.js";
import { pairTexts } from "./pair-flow.js";

/** Typical answer lengths in tokens, used only for estimates before a run. */
export const ASSUMED_OUTPUT_TOKENS: Readonly<Record<PromptId, number>> = {
  "reference-answer": 400,
  "query-analysis": 80,
  "basic-query-free": 220,
  "basic-query-aware": 30,
  "error-detection": 150,
  "query-specific": 60,
};

const PLACEHOLDER_REFERENCE = `[the reference answer written by the reference-answer call goes here; the estimate assumes ${ASSUMED_OUTPUT_TOKENS["reference-answer"]} tokens for it]`;
const EVERY_CASE: QueryInfo = {
  clearIntent: false,
  expressesFeelings: true,
  constraints: ["(a constraint found by the query analysis)"],
  stances: ["(a stance found by the query analysis)"],
  mistakes: ["(a mistake found by the query analysis)"],
};

export interface DryRunEstimate {
  readonly pairs: number;
  readonly perPrompt: ReadonlyArray<{ promptId: PromptId; calls: number; input: number; output: number }>;
  readonly total: { calls: number; input: number; output: number };
  /** The calls of the first pair, for printing. */
  readonly example: readonly CallSpec[];
}

/** The calls a run would make for `pair`, with stand-ins for answers not known yet. */
export function plannedCalls(pair: AnnotationInput, sampling: SamplingSettings = DEFAULT_SAMPLING, useInputReference = false): CallSpec[] {
  const texts = pairTexts(pair);
  const reference = useInputReference && pair.reference !== undefined ? pair.reference : undefined;
  const calls: CallSpec[] = [];
  if (reference === undefined) calls.push(referenceAnswerCall(texts, sampling));
  calls.push(queryAnalysisCall(texts, sampling), queryFreeRatingCall(texts, sampling), queryAwareRatingCall(texts, sampling));
  calls.push(errorDetectionCall(texts, reference ?? PLACEHOLDER_REFERENCE, sampling));
  const specific = querySpecificCall(texts, EVERY_CASE, sampling);
  if (specific !== undefined) calls.push(specific);
  return calls;
}

export function estimateRun(pairs: readonly AnnotationInput[], sampling: SamplingSettings = DEFAULT_SAMPLING, useInputReference = false): DryRunEstimate {
  const rows = new Map<PromptId, { promptId: PromptId; calls: number; input: number; output: number }>(
    PROMPT_IDS.map((promptId) => [promptId, { promptId, calls: 0, input: 0, output: 0 }]),
  );
  let example: CallSpec[] = [];
  for (const [index, pair] of pairs.entries()) {
    const calls = plannedCalls(pair, sampling, useInputReference);
    if (index === 0) example = calls;
    for (const call of calls) {
      const row = rows.get(call.promptId);
      if (row === undefined) continue;
      row.calls += 1;
      row.input += estimateTokens(call.messages.map((message) => message.content).join("\n"));
      if (call.promptId === "error-detection" && call.inputs.reference === PLACEHOLDER_REFERENCE) row.input += ASSUMED_OUTPUT_TOKENS["reference-answer"];
      row.output += ASSUMED_OUTPUT_TOKENS[call.promptId];
    }
  }
  const perPrompt = [...rows.values()].filter((row) => row.calls > 0);
  const total = perPrompt.reduce((sum, row) => ({ calls: sum.calls + row.calls, input: sum.input + row.input, output: sum.output + row.output }), {
    calls: 0,
    input: 0,
    output: 0,
  });
  return { pairs: pairs.length, perPrompt, total, example };
}
