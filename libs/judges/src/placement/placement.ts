/**
 * Where an added judge sits among the others: everything `pd judge add` reports, as one value
 * (written as `placement.json`) built from the judge's fit and the weights it is compared with.
 * The numbers come from `judgeProfile` (similarity) and `fitJudge` (refit), the pieces the browser
 * demo uses too, so both place a judge the same way.
 */
import { z } from "zod";
import { GPT4_TURBO, HUMAN, JUDGE_IDS, SCENARIO_IDS, judgeById, withAddedJudges, type PreferenceLabel, type WeightSet } from "@prefdissect/data";
import { RefitSettingsSchema, type JudgeFit } from "@prefdissect/refit";
import { errorSensitivity, judgeProfile, type RankedProperty } from "@prefdissect/similarity";
import { PrefDissectError, formatTag, jsonDocumentFormat } from "@prefdissect/shared";

export const PLACEMENT_TAG = "prefdissect.judge-placement/1";

const maybeNumber = z.number().nullable();
const RankedSchema = z.object({ index: z.number().int().min(0).max(28), property: z.string(), weight: z.number(), preference: z.number() });
const SimilarSchema = z.object({ judge: z.string(), similarity: z.number() });
const ErrorRowSchema = z.object({ minor: z.number(), moderate: z.number(), severe: z.number() });

export const PlacementSchema = z.object({
  format: formatTag(PLACEMENT_TAG),
  judge: z.string(),
  /** Parameters in billions, when given; orders the judge among the open models in charts. */
  sizeB: z.number().positive().nullable(),
  /** True when the dataset was made by `pd synth`: nothing here is about real preferences. */
  synthetic: z.boolean(),
  data: z.object({ file: z.string(), rows: z.number().int().nonnegative() }),
  labels: z.object({ file: z.string(), A: z.number().int().nonnegative(), B: z.number().int().nonnegative() }),
  /** What the judge is compared with, e.g. "the released weights". */
  comparedWith: z.string(),
  /** The refit's settings, less the draws it keeps (a placement reports no intervals). */
  fit: RefitSettingsSchema.omit({ keepDraws: true }),
  /** Held-out accuracy pooled over the scenario fits (null with one fold, which holds nothing out). */
  accuracy: maybeNumber,
  groups: z.array(
    z.object({
      group: z.string(),
      rows: z.number().int().nonnegative(),
      excluded: z.number().int().nonnegative(),
      accuracy: maybeNumber,
      top: z.array(RankedSchema),
      bottom: z.array(RankedSchema),
      diagnostics: z.object({ maxRhat: z.number(), minEssBulk: z.number(), divergences: z.number().int().nonnegative() }).nullable(),
      warnings: z.array(z.string()),
    }),
  ),
  skipped: z.array(z.object({ group: z.string(), reason: z.string() })),
  /** Table 4: P(p) of "no minor / moderate / severe errors", mean over the 11 scenarios, for the judge and two references. */
  errorSensitivity: z.object({ judge: ErrorRowSchema, human: ErrorRowSchema.nullable(), gpt4Turbo: ErrorRowSchema.nullable() }),
  /** Every compared judge, most similar first (mean over the 11 scenarios of the Pearson correlation of weights). */
  similarities: z.array(SimilarSchema),
  mostSimilar: z.array(SimilarSchema),
  leastSimilar: z.array(SimilarSchema),
  /** Mean similarity to the open models of at most 14B and above 30B (null when the weights lack them). */
  sizeGroups: z.object({ small: maybeNumber, large: maybeNumber, resembles: z.enum(["small", "large"]).nullable() }),
  /** Chart files beside placement.json (null when none were drawn). */
  charts: z.object({ dissection: z.string(), similarity: z.string() }).nullable(),
});
export type JudgePlacement = z.infer<typeof PlacementSchema>;

/** `placement.json` of `pd judge add`. */
export const PLACEMENT_FILE = jsonDocumentFormat({
  what: `the placement.json that pd judge add writes (${PLACEMENT_TAG})`,
  schema: PlacementSchema,
  indent: 1,
});

export interface PlaceJudgeInput {
  readonly fit: JudgeFit;
  /** The judges to compare with (e.g. the released weights of the 33). */
  readonly weights: WeightSet;
  /** Ids in `weights` to compare with; default: every judge with weights in the 11 scenarios. */
  readonly others?: readonly string[];
  readonly comparedWith: string;
  readonly sizeB?: number | null;
  readonly data: { readonly file: string; readonly rows: number; readonly synthetic: boolean };
  readonly labels: { readonly file: string; readonly labels: readonly PreferenceLabel[] };
  readonly charts?: { readonly dissection: string; readonly similarity: string } | null;
}

/**
 * The paper's judges in size order with `judge` added: after the last open model no larger than
 * `sizeB` (so it sits among the models of its size), or after the GPT models without a size.
 */
export function judgeOrderWith(judge: string, sizeB: number | null | undefined, judges: readonly string[] = JUDGE_IDS): string[] {
  if (sizeB === null || sizeB === undefined) return [...judges, judge];
  let at = 1;
  judges.forEach((id, i) => {
    const entry = judgeById(id);
    if (entry.openWeights && entry.sizeB !== null && entry.sizeB <= sizeB) at = i + 1;
  });
  return [...judges.slice(0, at), judge, ...judges.slice(at)];
}

/** Judges of `weights` with a vector in every scenario: the ones a similarity can be computed for. */
export function judgesInAllScenarios(weights: WeightSet): string[] {
  const first = weights.get(SCENARIO_IDS[0]!);
  if (first === undefined) return [];
  return [...first.keys()].filter((judge) => SCENARIO_IDS.every((scenario) => weights.get(scenario)?.has(judge)));
}

const finiteOrNull = (value: number | null | undefined) => (value === null || value === undefined || !Number.isFinite(value) ? null : value);

const ranked = (items: readonly RankedProperty[]) =>
  items.map((item) => ({ index: item.property.index, property: item.property.name, weight: item.weight, preference: item.preference }));

export function placeJudge(input: PlaceJudgeInput): JudgePlacement {
  const { fit } = input;
  const judge = fit.judge;
  const missing = SCENARIO_IDS.filter((scenario) => !fit.weights.get(scenario)?.has(judge));
  if (missing.length > 0) {
    throw new PrefDissectError(
      "missing-weights",
      `judge "${judge}" has no fit in ${missing.join(", ")}; a placement needs all 11 scenarios (similarity is their mean)`,
      { field: "judge" },
    );
  }
  const inAll = judgesInAllScenarios(input.weights);
  const lacking = JUDGE_IDS.filter((id) => !inAll.includes(id));
  if (lacking.length > 0) {
    throw new PrefDissectError(
      "missing-weights",
      `${input.comparedWith} lack${lacking.length === 1 ? "s" : ""} weights in some of the 11 scenarios for ${lacking.slice(0, 3).join(", ")}${lacking.length > 3 ? ` and ${lacking.length - 3} more` : ""}; a placement compares with all 33 judges`,
      { field: "weights" },
    );
  }
  for (const scenario of SCENARIO_IDS) {
    const vector = fit.weights.get(scenario)!.get(judge)!;
    if (vector.every((weight) => weight === vector[0])) {
      const rows = fit.groups.find((group) => group.group === scenario)?.rows ?? 0;
      throw new PrefDissectError(
        "flat-fit",
        `every weight of "${judge}" in ${scenario} is ${vector[0]} (fitted from ${rows} pairs), so its similarity to other judges is undefined; ` +
          "the posterior mode (--fast) puts every weight at 0 when a group has too few pairs for the Laplace(0, 0.1) prior: use more pairs, or the NUTS fit",
        { field: scenario },
      );
    }
  }
  const merged = withAddedJudges(input.weights, fit.weights);
  const others = (input.others ?? inAll).filter((other) => other !== judge);
  const profile = judgeProfile(merged, judge, { others });
  const groupsById = new Map(profile.groups.map((entry) => [entry.group, entry]));
  let correct = 0;
  let heldOut = 0;
  for (const group of fit.groups) {
    const accuracy = finiteOrNull(group.accuracy);
    if (accuracy === null || !SCENARIO_IDS.includes(group.group)) continue;
    correct += accuracy * group.rows;
    heldOut += group.rows;
  }
  const reference = (id: string) => (others.includes(id) ? errorSensitivity(merged, id) : null);
  const small = finiteOrNull(profile.sizeGroups.small);
  const large = finiteOrNull(profile.sizeGroups.large);
  return {
    format: PLACEMENT_TAG,
    judge,
    sizeB: input.sizeB ?? null,
    synthetic: input.data.synthetic,
    data: { file: input.data.file, rows: input.data.rows },
    labels: {
      file: input.labels.file,
      A: input.labels.labels.filter((label) => label === "A").length,
      B: input.labels.labels.filter((label) => label === "B").length,
    },
    comparedWith: input.comparedWith,
    fit: {
      method: fit.settings.method,
      folds: fit.settings.folds,
      seed: fit.settings.seed,
      scale: fit.settings.scale,
      chains: fit.settings.chains,
      warmup: fit.settings.warmup,
      samples: fit.settings.samples,
    },
    accuracy: heldOut === 0 ? null : correct / heldOut,
    groups: fit.groups.map((group) => ({
      group: group.group,
      rows: group.rows,
      excluded: group.excluded,
      accuracy: finiteOrNull(group.accuracy),
      top: ranked(groupsById.get(group.group)?.top ?? []),
      bottom: ranked(groupsById.get(group.group)?.bottom ?? []),
      diagnostics:
        group.diagnostics === null
          ? null
          : { maxRhat: group.diagnostics.maxRhat, minEssBulk: group.diagnostics.minEssBulk, divergences: group.diagnostics.divergences },
      warnings: group.warnings,
    })),
    skipped: fit.skipped.map((entry) => ({ ...entry })),
    errorSensitivity: { judge: profile.errorSensitivity, human: reference(HUMAN), gpt4Turbo: reference(GPT4_TURBO) },
    similarities: profile.similarities,
    mostSimilar: profile.mostSimilar,
    leastSimilar: profile.leastSimilar,
    sizeGroups: { small, large, resembles: small === null || large === null ? null : profile.sizeGroups.resembles },
    charts: input.charts ?? null,
  };
}
