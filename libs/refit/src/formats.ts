/**
 * The files a refit writes into its output folder, besides `weights/` (the released layout, owned
 * by @prefdissect/data):
 *
 *   summary.json               what was fitted from which data, held-out accuracy, diagnostics
 *   intervals.json             90 % credible intervals on every P(p) and on judge similarities
 *   fits/<judge>/<group>/fold-<i>.json  one finished fold, so an interrupted or sharded refit
 *                                       resumes (or aggregates) from what is there
 *
 * Each has one schema here; files written before the tags were renamed (`prefdissect-refit-…/1`)
 * are still read. JSON has no NaN: a number that may be undefined (an accuracy over no rows, an
 * R-hat of constant draws) is written as null.
 */
import { z } from "zod";
import { formatTag, jsonDocumentFormat } from "@prefdissect/shared";

export const REFIT_SUMMARY_TAG = "prefdissect.refit-summary/1";
export const REFIT_INTERVALS_TAG = "prefdissect.refit-intervals/1";
export const STORED_FIT_TAG = "prefdissect.fit/2";

const maybeNumber = z.number().nullable();

export const RefitSettingsSchema = z.object({
  folds: z.number().int().min(1),
  seed: z.number().int().nonnegative(),
  chains: z.number().int().min(1),
  warmup: z.number().int().nonnegative(),
  samples: z.number().int().min(1),
  scale: z.number().positive(),
  /** Posterior draws kept per fold for intervals (pooled over folds). */
  keepDraws: z.number().int().nonnegative(),
  /** "nuts": the paper's sampler; "mode": the exact posterior mode per fold (fast path, no draws). */
  method: z.enum(["nuts", "mode"]),
});
export type RefitSettings = z.infer<typeof RefitSettingsSchema>;

const DiagnosticsSchema = z.object({ maxRhat: maybeNumber, minEssBulk: maybeNumber, divergences: z.number().int().nonnegative(), meanAcceptProb: maybeNumber });

/** A number JSON wrote as null because it was NaN (an R-hat of constant draws): NaN again on reading. */
const nanAsNull = z
  .number()
  .nullable()
  .transform((value) => value ?? Number.NaN);
const numbers = z.array(z.number());

/**
 * What is stored per judge × group × fold: the fold's estimate as the fitting job returned it (the
 * posterior mode's weights, or the summary of NUTS's posterior with its kept draws) and the time
 * it took. Every refit, sharded or not, builds its results from these stored bodies, so a folder
 * filled by many machines aggregates to the same bytes as one filled by one.
 */
export const StoredFoldSchema = z.object({
  result: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("mode"), weights: numbers }),
    z.object({
      kind: z.literal("nuts"),
      fit: z.object({
        mean: numbers,
        sd: numbers,
        q05: numbers,
        q50: numbers,
        q95: numbers,
        diagnostics: z.object({
          maxRhat: nanAsNull,
          minEssBulk: nanAsNull,
          divergences: z.number().int().nonnegative(),
          meanAcceptProb: nanAsNull,
          gradientEvaluations: z.number(),
        }),
        warnings: z.array(z.string()),
        draws: z.array(numbers).optional(),
      }),
    }),
  ]),
  seconds: z.number(),
});
export type StoredFold = z.infer<typeof StoredFoldSchema>;

/** One judge × group, combined from its folds. */
export const RefitEntrySchema = z.object({
  rows: z.number().int().nonnegative(),
  excluded: z.number().int().nonnegative(),
  mean: z.array(z.number()),
  q05: z.array(z.number()),
  q95: z.array(z.number()),
  folds: z.array(z.object({ heldOut: z.array(z.number().int().nonnegative()), mean: z.array(z.number()) })),
  /** Thinned posterior draws pooled over folds (empty for the mode fast path). */
  draws: z.array(z.array(z.number())),
  /** Held-out accuracy; null when nothing was held out (one fold). */
  accuracy: z.number().nullable(),
  heldOutRows: z.number().int().nonnegative(),
  /** Null for the mode fast path. */
  diagnostics: DiagnosticsSchema.nullable(),
  warnings: z.array(z.string()),
  seconds: z.number(),
});
export type RefitEntry = z.infer<typeof RefitEntrySchema>;

const JudgeGroup = { judge: z.string().min(1), group: z.string().min(1) };

export const RefitSummarySchema = z.object({
  format: formatTag(REFIT_SUMMARY_TAG, "prefdissect-refit-summary/1"),
  source: z.object({ file: z.string(), format: z.string(), rows: z.number().int().nonnegative(), synthetic: z.boolean() }),
  settings: RefitSettingsSchema,
  judges: z.array(z.string()),
  groups: z.array(z.string()),
  accuracyDefinition: z.string(),
  /** Held-out accuracy (0–1) per judge, pooled over its scenario fits; null without any. */
  accuracy: z.record(z.string(), maybeNumber),
  fits: z.array(
    z.object({
      ...JudgeGroup,
      rows: z.number().int().nonnegative(),
      excluded: z.number().int().nonnegative(),
      accuracy: maybeNumber,
      /** Written before sharding; fit times now stay in the per-fold files, so summary.json is the same wherever the fits ran. */
      seconds: z.number().optional(),
      diagnostics: DiagnosticsSchema.nullable(),
      warnings: z.array(z.string()),
    }),
  ),
  skipped: z.array(z.object({ ...JudgeGroup, reason: z.string() })),
});
export type RefitSummary = z.infer<typeof RefitSummarySchema>;

/** `summary.json`. */
export const REFIT_SUMMARY_FILE = jsonDocumentFormat({
  what: `the summary.json pd refit writes (${REFIT_SUMMARY_TAG})`,
  schema: RefitSummarySchema,
  indent: 1,
});

export const RefitIntervalsSchema = z.object({
  format: formatTag(REFIT_INTERVALS_TAG, "prefdissect-refit-intervals/1"),
  synthetic: z.boolean(),
  /** Probability mass of every interval (0.9 = 90 %). */
  mass: z.number().gt(0).lt(1),
  /** P(p) in percent with its interval, per judge × group × property. */
  preference: z.array(z.object({ ...JudgeGroup, propertyIndex: z.number().int().min(0).max(28), mean: z.number(), low: z.number(), high: z.number() })),
  /** Scenario-averaged similarity of two judges with its interval. */
  similarity: z.array(z.object({ a: z.string().min(1), b: z.string().min(1), mean: z.number(), low: z.number(), high: z.number() })),
});
export type RefitIntervals = z.infer<typeof RefitIntervalsSchema>;

/** `intervals.json`. */
export const REFIT_INTERVALS_FILE = jsonDocumentFormat({
  what: `the intervals.json pd refit writes (${REFIT_INTERVALS_TAG})`,
  schema: RefitIntervalsSchema,
  indent: 1,
});

/**
 * `fits/<judge>/<group>/fold-<i>.json`: one fold's fit with the fingerprint of the inputs it came
 * from and a sha256 of its body. The body is checked against the checksum before its own schema,
 * so it is `unknown` here (see `loadFit`).
 */
export const StoredFitSchema = z.object({
  format: formatTag(STORED_FIT_TAG),
  ...JudgeGroup,
  fold: z.number().int().nonnegative(),
  /** How many folds the judge × group's fit has, so a reader of all of them knows when it has them all. */
  folds: z.number().int().min(1),
  /** Hash of the problem and settings the fit came from. */
  fingerprint: z.string(),
  body: z.unknown(),
  sha256: z.string(),
});
export type StoredFitEnvelope = z.infer<typeof StoredFitSchema>;

export const STORED_FIT_FILE = jsonDocumentFormat({ what: `a stored fit (${STORED_FIT_TAG})`, schema: StoredFitSchema });
