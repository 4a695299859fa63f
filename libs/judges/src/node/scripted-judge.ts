/**
 * A scripted judge for the loopback server: it answers the comparison prompt the way a judge with
 * known regression weights would, so the whole collect → add flow can be checked against a known
 * answer without a model or a key.
 *
 * For a pair it has the features of, shown in either order, the probability that the response
 * shown first is preferred is
 *
 *     P(A) = sigmoid(certainty · w_s · φ_shown + positionBias)
 *
 * with w_s the judge's weights for the pair's scenario (as `pd synth` draws labels), φ_shown the
 * pair's comparison features seen from the response shown first (−φ when the order is swapped),
 * `certainty` scaling how sure the judge is without changing what it prefers, and `positionBias`
 * favouring the first position. The letters take `letterMass` of the first token's probability,
 * spread over the usual spellings; filler tokens take the rest. A comparison of a pair it does
 * not know gets an even chance.
 */
import type { MockResponder, ScriptedAnswer } from "@prefdissect/annotation/node";
import { SCENARIO_IDS, toFeatureDataset, type PairDataset, type WeightSet } from "@prefdissect/data";
import { PrefDissectError, sigmoid } from "@prefdissect/shared";
import { readComparison, type JudgeEndpoint } from "../prompts/comparison.js";

export interface ScriptedJudgeOptions {
  /** The pairs the judge may be shown, with their annotations (features are computed from them). */
  readonly dataset: PairDataset;
  readonly weights: WeightSet;
  /** The judge in `weights` to imitate. */
  readonly judge: string;
  /** Multiplies the logit (default 1): 0 is a coin, larger is more certain; the preference stays. */
  readonly certainty?: number;
  /** Added to the logit of the response shown first (default 0). */
  readonly positionBias?: number;
  /** Probability of the two letters together at the first token (default 0.95). */
  readonly letterMass?: number;
}

/** How each endpoint's answer spells a letter: the usual form first, then the variants. */
const SPELLINGS: Readonly<Record<JudgeEndpoint, ReadonlyArray<{ form: (letter: string) => string; share: number }>>> = {
  // After "... is Response" a base model writes the letter with a space.
  completions: [
    { form: (letter) => ` ${letter}`, share: 0.85 },
    { form: (letter) => letter, share: 0.1 },
    { form: (letter) => ` ${letter.toLowerCase()}`, share: 0.05 },
  ],
  chat: [
    { form: (letter) => letter, share: 0.85 },
    { form: (letter) => ` ${letter}`, share: 0.1 },
    { form: (letter) => letter.toLowerCase(), share: 0.05 },
  ],
};

/** The judge's weights for a scenario; the mean over the 11 scenarios for a scenario it lacks. */
function scenarioWeights(weights: WeightSet, judge: string): (scenario: string) => readonly number[] {
  const vectors = SCENARIO_IDS.map((scenario) => weights.get(scenario)?.get(judge)).filter((vector) => vector !== undefined);
  if (vectors.length === 0) {
    throw new PrefDissectError("missing-weights", `the weights have no scenario weights for judge "${judge}" to imitate`, { field: "judge" });
  }
  const mean = vectors[0]!.map((_, k) => vectors.reduce((sum, vector) => sum + vector[k]!, 0) / vectors.length);
  return (scenario) => weights.get(scenario)?.get(judge) ?? mean;
}

const keyOf = (query: string, first: string, second: string) => JSON.stringify([query, first, second]);

/** The probability that the response shown first is preferred, for every known pair. */
export function scriptedPreference(options: ScriptedJudgeOptions): (query: string, shownA: string, shownB: string) => number | undefined {
  const weightsFor = scenarioWeights(options.weights, options.judge);
  const certainty = options.certainty ?? 1;
  const bias = options.positionBias ?? 0;
  const rows = toFeatureDataset(options.dataset).rows;
  const logits = new Map<string, number>();
  options.dataset.pairs.forEach((pair, i) => {
    const w = weightsFor(pair.scenario);
    const logit = rows[i]!.features.reduce((sum, value, k) => sum + value * w[k]!, 0);
    logits.set(keyOf(pair.query, pair.responseA.content, pair.responseB.content), logit);
  });
  return (query, shownA, shownB) => {
    const forward = logits.get(keyOf(query, shownA, shownB));
    const backward = logits.get(keyOf(query, shownB, shownA));
    const logit = forward ?? (backward === undefined ? undefined : -backward);
    return logit === undefined ? undefined : sigmoid(certainty * logit + bias);
  };
}

/** The loopback server's responder for `options.judge`: comparison prompts only. */
export function scriptedJudge(options: ScriptedJudgeOptions): MockResponder {
  const preference = scriptedPreference(options);
  const mass = options.letterMass ?? 0.95;
  return (request) => {
    const shown = readComparison(request);
    if (shown === undefined) return undefined;
    const pA = preference(shown.query, shown.shownA, shown.shownB) ?? 0.5;
    const firstToken = (["A", "B"] as const).flatMap((letter) =>
      SPELLINGS[request.endpoint].map(({ form, share }) => ({ token: form(letter), probability: mass * share * (letter === "A" ? pA : 1 - pA) })),
    );
    const likeliest = firstToken.reduce((best, entry) => (entry.probability > best.probability ? entry : best));
    const answer: ScriptedAnswer = { text: likeliest.token, firstToken };
    return answer;
  };
}
