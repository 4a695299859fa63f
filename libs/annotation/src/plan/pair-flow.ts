/**
 * The order of a pair's calls and how their answers combine, independent of how calls are
 * executed. The same flow drives a live run (calls go to the server), a Batch API stage (calls
 * are collected, not sent) and the final resolution (answers are only looked up in the cache).
 */
import type { AnnotationInput } from "../input/pairs.js";
import type { PairAnswers } from "../resolve/to-pair-record.js";
import type { PromptId } from "../prompts/catalog.js";
import type { PairErrorChecks, PairQuerySpecific } from "../parse/output-schemas.js";
import {
  DEFAULT_SAMPLING,
  errorDetectionCall,
  queryAnalysisCall,
  queryAwareRatingCall,
  queryFreeRatingCall,
  querySpecificCall,
  referenceAnswerCall,
  type CallSpec,
  type PairTexts,
  type ParsedAnswer,
  type SamplingSettings,
} from "./calls.js";

/**
 * Executes (or looks up) one call. `undefined` means no answer is available (not run yet, or the
 * run was stopped); a failed answer carries its reason.
 */
export type CallRunner = <T>(spec: CallSpec<T>, pair: AnnotationInput) => Promise<ParsedAnswer<T> | undefined>;

export interface PairFlowOptions {
  readonly sampling?: SamplingSettings;
  /** Use the reference answer shipped with the input instead of generating one. */
  readonly useInputReference?: boolean;
}

/** Result of a pair: all answers, or the calls that are missing and why. */
export type PairOutcome =
  | { readonly complete: true; readonly answers: PairAnswers }
  | { readonly complete: false; readonly missing: ReadonlyArray<{ promptId: PromptId; reason: string }> };

export function pairTexts(pair: AnnotationInput): PairTexts {
  return { query: pair.query, responseA: pair.responseA.content, responseB: pair.responseB.content };
}

/** Runs the pair's calls through `run`, respecting their dependencies. */
export async function runPairFlow(pair: AnnotationInput, run: CallRunner, options: PairFlowOptions = {}): Promise<PairOutcome> {
  const sampling = options.sampling ?? DEFAULT_SAMPLING;
  const texts = pairTexts(pair);
  const missing: { promptId: PromptId; reason: string }[] = [];
  const take = <T>(promptId: PromptId, answer: ParsedAnswer<T> | undefined): T | undefined => {
    if (answer?.ok) return answer.value;
    missing.push({ promptId, reason: answer === undefined ? "not run yet" : answer.reason });
    return undefined;
  };

  const referencePromise: Promise<ParsedAnswer<string> | undefined> =
    options.useInputReference && pair.reference !== undefined
      ? Promise.resolve({ ok: true, value: pair.reference, repaired: [] })
      : run(referenceAnswerCall(texts, sampling), pair);
  const analysisPromise = run(queryAnalysisCall(texts, sampling), pair);
  const queryFreePromise = run(queryFreeRatingCall(texts, sampling), pair);
  const queryAwarePromise = run(queryAwareRatingCall(texts, sampling), pair);

  const errorsPromise: Promise<ParsedAnswer<PairErrorChecks> | undefined | null> = referencePromise.then((reference) => {
    const value = take("reference-answer", reference);
    return value === undefined ? null : run(errorDetectionCall(texts, value, sampling), pair);
  });
  type SpecificOutcome = ParsedAnswer<PairQuerySpecific> | undefined | null | "not-triggered";
  const specificPromise = analysisPromise.then((analysis): SpecificOutcome | Promise<SpecificOutcome> => {
    if (!analysis?.ok) return null;
    const spec = querySpecificCall(texts, analysis.value, sampling);
    return spec === undefined ? "not-triggered" : run(spec, pair);
  });

  const [analysis, queryFree, queryAware, errors, specific] = await Promise.all([
    analysisPromise,
    queryFreePromise,
    queryAwarePromise,
    errorsPromise,
    specificPromise,
  ]);
  const queryInfo = take("query-analysis", analysis);
  const freeValue = take("basic-query-free", queryFree);
  const awareValue = take("basic-query-aware", queryAware);
  const errorsValue = errors === null ? undefined : take("error-detection", errors);
  const specificValue = specific === null || specific === "not-triggered" ? undefined : take("query-specific", specific);

  if (
    queryInfo === undefined ||
    freeValue === undefined ||
    awareValue === undefined ||
    errorsValue === undefined ||
    (specific !== "not-triggered" && specificValue === undefined)
  ) {
    return { complete: false, missing };
  }
  return {
    complete: true,
    answers: {
      queryInfo,
      queryFree: freeValue,
      queryAware: awareValue,
      errors: errorsValue,
      ...(specificValue !== undefined ? { querySpecific: specificValue } : {}),
    },
  };
}
