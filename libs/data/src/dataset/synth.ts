/**
 * Synthetic annotated pairs that look like the published dataset, with labels drawn from known
 * weights. They are the offline stand-in for the gated data and the ground truth for recovery
 * tests: a refit on them should find the weights they were drawn from.
 *
 * What is matched: scenario sizes and query-specific subset sizes (exactly, for 5,240 pairs;
 * proportionally otherwise), a per-property rating distribution (harmless mostly 3, funny mostly
 * 0, well formatted with mean ≈ 1.26 as the paper reports; the other marginals are plausible
 * choices, not published numbers), ratings correlated within a response (a latent quality) and
 * between the two responses of a pair, error lists with severities, a few per cent of pairs with
 * a non-applicable error check, and word counts spanning the length rule's small-count table.
 *
 * Labels: for every judge, P(A preferred) = sigmoid(w · φ), where φ are the pair's comparison
 * features and w the judge's weights **for the pair's scenario**. Query-specific groups are
 * subsets that cut across scenarios, so their released weights do not generate labels; a refit
 * of a query-specific group therefore recovers a mixture of scenario weights, not the released
 * query-specific vector.
 *
 * Texts are placeholders (`[synthetic …]`); only the word counts matter to the features.
 */
import { createRandomStream, randomPermutation, sigmoid, type RandomStream } from "@prefdissect/shared";
import { QUERY_SPECIFIC_CASES, SCENARIOS } from "../catalog/groups.js";
import { JUDGE_IDS } from "../catalog/judges.js";
import type { WeightSet } from "../released.js";
import { comparisonFeatures } from "./features.js";
import {
  BASIC_ANNOTATION_KEYS,
  MISTAKE_LABELS,
  SEVERITIES,
  STANCE_LABELS,
  type BasicAnnotationKey,
  type BasicScores,
  type ErrorItem,
  type PairRecord,
  type QueryInfo,
  type QuerySpecificScores,
  type ResponseAnnotation,
} from "./types.js";

/** Probability of each rating 0..3 per basic property. */
export const SYNTHETIC_MARGINALS: Readonly<Record<BasicAnnotationKey, readonly [number, number, number, number]>> = {
  harmlessness: [0.03, 0.04, 0.13, 0.8],
  "grammar, spelling, punctuation, and code-switching": [0.02, 0.05, 0.23, 0.7],
  friendly: [0.15, 0.35, 0.35, 0.15],
  polite: [0.05, 0.2, 0.45, 0.3],
  interactive: [0.75, 0.15, 0.07, 0.03],
  "authoritative tone": [0.1, 0.25, 0.4, 0.25],
  "funny and humorous": [0.88, 0.07, 0.03, 0.02],
  "metaphors, personification, similes, hyperboles, irony, parallelism": [0.8, 0.12, 0.05, 0.03],
  "complex word usage and sentence structure": [0.2, 0.4, 0.3, 0.1],
  "use of direct and explicit supporting materials": [0.7, 0.18, 0.08, 0.04],
  // Mean 0.18 + 2·0.18 + 3·0.24 = 1.26, the paper's reported mean.
  "well formatted": [0.4, 0.18, 0.18, 0.24],
  "admit limitations or mistakes": [0.8, 0.08, 0.07, 0.05],
  "persuade user": [0.65, 0.2, 0.1, 0.05],
  "step by step solution": [0.65, 0.12, 0.13, 0.1],
  "use of informal expressions": [0.8, 0.13, 0.05, 0.02],
  repetitive: [0.8, 0.12, 0.05, 0.03],
  "clear and understandable": [0.04, 0.1, 0.36, 0.5],
  "relevance without considering inaccuracy": [0.06, 0.06, 0.18, 0.7],
  "innovative and novel": [0.35, 0.35, 0.22, 0.08],
  "information richness without considering inaccuracy": [0.12, 0.3, 0.35, 0.23],
};

/** How strongly each property follows the response's latent quality (0 = not at all). */
const QUALITY_LOADING: Partial<Record<BasicAnnotationKey, number>> = {
  "clear and understandable": 0.6,
  "relevance without considering inaccuracy": 0.5,
  "information richness without considering inaccuracy": 0.6,
  "grammar, spelling, punctuation, and code-switching": 0.4,
  "well formatted": 0.4,
  "step by step solution": 0.3,
  "authoritative tone": 0.3,
  repetitive: -0.3,
  "admit limitations or mistakes": -0.2,
};
/** Weight of the pair-level latent shared by both responses (same query, similar answers). */
const PAIR_LOADING = 0.5;
/** Probability that one response's error check is not applicable (pair excluded ≈ 2×). */
const NOT_APPLICABLE_RATE = 0.02;
/** Mean error counts per response at average quality. */
const ERROR_RATES = { minor: 0.45, moderate: 0.3, severe: 0.18 } as const;
const ERROR_TYPES = ["Factual error", "Information contradiction to the query", "Math operation error", "Code generation error"];
const ARENA_MODELS = [
  "gpt-3.5-turbo", "gpt-4", "claude-v1", "vicuna-13b", "koala-13b", "alpaca-13b", "oasst-pythia-12b", "dolly-v2-12b",
  "chatglm-6b", "fastchat-t5-3b", "stablelm-tuned-alpha-7b", "llama-13b", "mpt-7b-chat", "RWKV-4-Raven-14B",
];
const AUTOJ_BY_SCENARIO: Readonly<Record<string, readonly string[]>> = {
  Advice: ["seeking_advice", "recommendation"],
  Code: ["code_generation", "code_correction_rewriting", "code_to_code_translation"],
  Communication: ["chitchat", "roleplay"],
  "Creative Writing": ["creative_writing", "writing_song_lyrics", "writing_blog_post"],
  "Daily Tasks": ["planning", "brainstorming", "writing_cooking_recipe"],
  "Exam Questions": ["math_reasoning", "solving_exam_question_with_math", "solving_exam_question_without_math"],
  "Functional Writing": ["functional_writing", "writing_email", "writing_product_description"],
  "Knowledge-aware": ["open_question", "explaining_general", "verifying_fact"],
  "NLP Tasks": ["translation", "classification_identification", "information_extraction"],
  Others: ["default"],
  "Unsafe Queries": ["default", "chitchat", "open_question"],
};

/** Standard normal CDF (Abramowitz–Stegun 7.1.26, |error| < 1.5e-7: ample for binning into 4 levels). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Rating whose cumulative probability first exceeds u. */
function quantile(marginal: readonly number[], u: number): number {
  let cumulative = 0;
  for (let level = 0; level < marginal.length; level++) {
    cumulative += marginal[level]!;
    if (u < cumulative) return level;
  }
  return marginal.length - 1;
}

/** Group sizes for `total` pairs: the published sizes, scaled with largest remainders. */
export function scaledSizes(published: readonly number[], total: number, publishedTotal: number): number[] {
  const exact = published.map((size) => (size * total) / publishedTotal);
  const sizes = exact.map(Math.floor);
  let missing = total - sizes.reduce((a, b) => a + b, 0);
  const order = exact.map((value, i) => [value - Math.floor(value), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (missing <= 0) break;
    sizes[i]! += 1;
    missing -= 1;
  }
  return sizes;
}

function poisson(rng: RandomStream, mean: number): number {
  // Knuth's method; the means here are below 2.
  const limit = Math.exp(-mean);
  let count = 0;
  let product = rng.uniform();
  while (product > limit) {
    count += 1;
    product *= rng.uniform();
  }
  return count;
}

function pick<T>(rng: RandomStream, items: readonly T[]): T {
  return items[rng.integer(items.length)]!;
}

/** Stream index of a judge's labels: a 32-bit FNV-1a hash of its id (never 0 or 1, the structure and annotation streams). */
function judgeStream(judge: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < judge.length; i++) hash = Math.imul(hash ^ judge.charCodeAt(i), 0x01000193);
  // 24 bits keep the generator's internal stream arithmetic exact in doubles.
  return (hash >>> 8) + 2;
}

/** A 0..3 score for a query-specific property, better for higher quality. */
function qualityScore(rng: RandomStream, quality: number, spread = 0.8): number {
  const value = 1.7 + 0.7 * quality + spread * rng.normal();
  return Math.min(3, Math.max(0, Math.round(value)));
}

function drawWords(rng: RandomStream, quality: number, scenario: string): number {
  // A few very short answers exercise the small-count length table.
  if (rng.uniform() < 0.04) return rng.integer(12);
  const median = scenario === "Unsafe Queries" ? 60 : scenario === "Communication" ? 80 : 150;
  return Math.max(0, Math.round(Math.exp(Math.log(median) + 0.25 * quality + 0.75 * rng.normal())));
}

function drawAnnotation(
  rng: RandomStream,
  quality: number,
  pairLatents: readonly number[],
  info: QueryInfo,
): ResponseAnnotation {
  const basic = {} as BasicScores;
  BASIC_ANNOTATION_KEYS.forEach((key, k) => {
    const loading = QUALITY_LOADING[key] ?? 0.15;
    const own = Math.sqrt(Math.max(0, 1 - loading * loading - PAIR_LOADING * PAIR_LOADING));
    const latent = loading * quality + PAIR_LOADING * pairLatents[k]! + own * rng.normal();
    basic[key] = quantile(SYNTHETIC_MARGINALS[key], normalCdf(latent));
  });

  const applicable = rng.uniform() >= NOT_APPLICABLE_RATE;
  const items: ErrorItem[] = [];
  if (applicable) {
    for (const severity of SEVERITIES) {
      const count = poisson(rng, ERROR_RATES[severity] * Math.exp(-0.6 * quality));
      for (let i = 0; i < count; i++) {
        items.push({ description: `[synthetic ${severity} error ${i + 1}]`, type: pick(rng, ERROR_TYPES), severity });
      }
    }
  }

  const querySpecific: QuerySpecificScores = {};
  if (!info.clearIntent) querySpecific.clarifyIntent = qualityScore(rng, quality);
  if (info.expressesFeelings) querySpecific.showEmpathetic = qualityScore(rng, quality);
  if (info.constraints.length > 0) querySpecific.satisfyConstraints = info.constraints.map(() => qualityScore(rng, quality, 1));
  if (info.stances.length > 0) {
    querySpecific.supportStances = info.stances.map(() => STANCE_LABELS[Math.min(4, Math.max(0, Math.round(2 - 0.4 * quality + rng.normal())))]!);
  }
  if (info.mistakes.length > 0) {
    // MISTAKE_LABELS runs from best (3) to worst (0); better responses correct more.
    querySpecific.correctMistakes = info.mistakes.map(
      () => MISTAKE_LABELS[Math.min(3, Math.max(0, Math.round(1.5 - 0.7 * quality + rng.normal())))]!,
    );
  }
  return { basic, errors: { applicable, items }, querySpecific };
}

export interface SynthesizeOptions {
  /** Weights that generate the labels; each judge needs a vector for every scenario. */
  readonly weights: WeightSet;
  readonly seed: number;
  /** Number of pairs (default 5,240, the published size). */
  readonly pairs?: number;
  /** Judges to label (default: the 33). */
  readonly judges?: readonly string[];
}

/** Draws synthetic annotated pairs; equal options give equal output. */
export function synthesizePairs(options: SynthesizeOptions): PairRecord[] {
  return [...generatePairs(options)];
}

/**
 * The pairs of `synthesizePairs`, one at a time, so that a large dataset can be written without
 * being held: only per-pair group membership (a few bytes a pair) is kept in memory.
 */
export function* generatePairs(options: SynthesizeOptions): Generator<PairRecord> {
  const total = options.pairs ?? 5240;
  const judges = options.judges ?? JUDGE_IDS;
  if (!Number.isInteger(total) || total < 1) throw new RangeError(`pairs must be a positive integer, got ${total}`);
  for (const judge of judges) {
    for (const scenario of SCENARIOS) {
      const w = options.weights.get(scenario.id)?.get(judge);
      if (w === undefined) throw new RangeError(`the weights have no vector for judge "${judge}" in scenario "${scenario.id}"`);
    }
  }
  const structure = createRandomStream(options.seed, 0);
  const annotations = createRandomStream(options.seed, 1);
  const publishedTotal = SCENARIOS.reduce((sum, group) => sum + group.size, 0);

  // Scenarios: published sizes, interleaved in random order like the real file.
  const scenarioSizes = scaledSizes(SCENARIOS.map((group) => group.size), total, publishedTotal);
  const scenarioOf = new Uint8Array(total);
  const order = randomPermutation(total, structure);
  let cursor = 0;
  scenarioSizes.forEach((size, g) => {
    for (let i = 0; i < size; i++) scenarioOf[order[cursor++]!] = g;
  });

  // Query-specific cases: exact subset sizes, drawn independently of each other.
  const inCase = QUERY_SPECIFIC_CASES.map((group) => {
    const size = scaledSizes([group.size, publishedTotal - group.size], total, publishedTotal)[0]!;
    const members = new Uint8Array(total);
    for (const index of randomPermutation(total, structure).slice(0, size)) members[index] = 1;
    return (index: number) => members[index] === 1;
  });
  const [unclear, feelings, constraints, stances, mistakes] = inCase as [
    (i: number) => boolean, (i: number) => boolean, (i: number) => boolean, (i: number) => boolean, (i: number) => boolean,
  ];
  // Labels: one stream per judge, so adding or dropping a judge leaves the others unchanged.
  const labelStreams = judges.map((judge) => [judge, createRandomStream(options.seed, judgeStream(judge))] as const);

  for (let index = 0; index < total; index++) {
    const scenario = SCENARIOS[scenarioOf[index]!]!.id;
    const listOf = (member: boolean, what: string) =>
      member ? Array.from({ length: 1 + structure.integer(3) }, (_, k) => `[synthetic ${what} ${k + 1}]`) : [];
    const info: QueryInfo = {
      clearIntent: !unclear(index),
      expressesFeelings: feelings(index),
      constraints: listOf(constraints(index), "constraint"),
      stances: listOf(stances(index), "stance"),
      mistakes: listOf(mistakes(index), "mistake"),
    };
    const pairLatents = BASIC_ANNOTATION_KEYS.map(() => annotations.normal());
    const qualityA = annotations.normal();
    const qualityB = annotations.normal();
    const wordsA = drawWords(annotations, qualityA, scenario);
    const wordsB = drawWords(annotations, qualityB, scenario);
    const modelA = pick(annotations, ARENA_MODELS);
    let modelB = pick(annotations, ARENA_MODELS);
    if (modelB === modelA) modelB = ARENA_MODELS[(ARENA_MODELS.indexOf(modelA) + 1) % ARENA_MODELS.length]!;
    const pair: PairRecord = {
      id: String(index),
      query: `[synthetic query ${index}, ${scenario}]`,
      scenario,
      scenarioAutoJ: pick(annotations, AUTOJ_BY_SCENARIO[scenario] ?? ["default"]),
      responseA: { content: `[synthetic response ${index}A, ${wordsA} words]`, model: modelA, words: wordsA },
      responseB: { content: `[synthetic response ${index}B, ${wordsB} words]`, model: modelB, words: wordsB },
      queryInfo: info,
      annotationA: drawAnnotation(annotations, qualityA, pairLatents, info),
      annotationB: drawAnnotation(annotations, qualityB, pairLatents, info),
      labels: {},
    };
    const phi = comparisonFeatures(pair).features;
    for (const [judge, rng] of labelStreams) {
      const w = options.weights.get(scenario)!.get(judge)!;
      let logit = 0;
      for (let k = 0; k < phi.length; k++) logit += phi[k]! * w[k]!;
      pair.labels[judge] = rng.uniform() < sigmoid(logit) ? "A" : "B";
    }
    yield pair;
  }
}
