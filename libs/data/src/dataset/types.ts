/**
 * `PairRecord`: the project's own format for one annotated pairwise comparison, and the zod
 * schemas that validate it. Every loader (Hugging Face Parquet, our JSONL/CSV/Parquet) produces
 * these records; the comparison features (features.ts) and the group membership (groups.ts) are
 * computed from them alone.
 *
 * Response "A" is the first response of the pair (`response_1` in the Hugging Face dataset,
 * `response_a` in the upstream raw data) and "B" the second. A label "A" means the judge preferred
 * response A.
 *
 * The format is documented for users in docs/data-format.md.
 */
import { z } from "zod";
import { PROPERTIES } from "../catalog/properties.js";

/**
 * The 20 Likert-annotated basic properties, keyed as in the annotation prompts and the Hugging Face
 * `basic_response_*` structs, in the released property order (index 0..19). `repetitive` is the
 * annotated form of the *non-repetitive* property (index 15); its comparison is flipped.
 */
export const BASIC_ANNOTATION_KEYS = PROPERTIES.filter((property) => property.kind === "basic").map(
  (property) => property.annotationKey,
) as readonly string[] as readonly BasicAnnotationKey[];

export type BasicAnnotationKey =
  | "harmlessness"
  | "grammar, spelling, punctuation, and code-switching"
  | "friendly"
  | "polite"
  | "interactive"
  | "authoritative tone"
  | "funny and humorous"
  | "metaphors, personification, similes, hyperboles, irony, parallelism"
  | "complex word usage and sentence structure"
  | "use of direct and explicit supporting materials"
  | "well formatted"
  | "admit limitations or mistakes"
  | "persuade user"
  | "step by step solution"
  | "use of informal expressions"
  | "repetitive"
  | "clear and understandable"
  | "relevance without considering inaccuracy"
  | "innovative and novel"
  | "information richness without considering inaccuracy";

export const SEVERITIES = ["minor", "moderate", "severe"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** How a response treats a stance the user stated, with the number the features use. */
export const STANCE_SCORES = {
  "strongly supported": 2,
  "weakly supported": 1,
  neutral: 0,
  "weakly opposed": -1,
  "strongly opposed": -2,
} as const;
export type StanceLabel = keyof typeof STANCE_SCORES;
export const STANCE_LABELS = Object.keys(STANCE_SCORES) as StanceLabel[];

/** How a response treats a mistake or bias in the query, with the number the features use. */
export const MISTAKE_SCORES = {
  "pointed out and corrected": 3,
  "corrected without being pointed out": 2,
  "pointed out but not corrected": 1,
  "neither pointed out nor corrected": 0,
} as const;
export type MistakeLabel = keyof typeof MISTAKE_SCORES;
export const MISTAKE_LABELS = Object.keys(MISTAKE_SCORES) as MistakeLabel[];

/** A judge's choice: "A" = the first response is better, "B" = the second. */
export type PreferenceLabel = "A" | "B";

// ---------------------------------------------------------------------------------------------
// zod schemas (the source of truth; the interfaces below are checked against them)

/** An integer Likert rating 0..3 (NaN, fractions and out-of-range values are rejected). */
export const LikertSchema = z.number().int().min(0).max(3);
/** A query-specific score on the 0..3 scale; the constraint scores may be fractional upstream. */
export const QueryScoreSchema = z.number().min(0).max(3);

export const ResponseTextSchema = z.strictObject({
  content: z.string(),
  model: z.string().optional(),
  /** Word count of `content` (the paper counts with NLTK); drives the *lengthy* feature. */
  words: z.number().int().min(0),
});

export const QueryInfoSchema = z.strictObject({
  clearIntent: z.boolean(),
  expressesFeelings: z.boolean(),
  constraints: z.array(z.string()),
  stances: z.array(z.string()),
  mistakes: z.array(z.string()),
});

export const BasicScoresSchema = z.strictObject(
  Object.fromEntries(BASIC_ANNOTATION_KEYS.map((key) => [key, LikertSchema])) as Record<
    BasicAnnotationKey,
    typeof LikertSchema
  >,
);

export const ErrorItemSchema = z.strictObject({
  description: z.string(),
  type: z.string(),
  severity: z.enum(SEVERITIES),
});

export const ErrorCheckSchema = z.strictObject({
  /** False when the annotator could not check accuracy reliably; the pair is then excluded. */
  applicable: z.boolean(),
  items: z.array(ErrorItemSchema),
});

export const QuerySpecificScoresSchema = z.strictObject({
  clarifyIntent: QueryScoreSchema.optional(),
  showEmpathetic: QueryScoreSchema.optional(),
  /** One score per listed constraint, in the order of `queryInfo.constraints`. */
  satisfyConstraints: z.array(QueryScoreSchema).optional(),
  supportStances: z.array(z.enum(STANCE_LABELS as [StanceLabel, ...StanceLabel[]])).optional(),
  correctMistakes: z.array(z.enum(MISTAKE_LABELS as [MistakeLabel, ...MistakeLabel[]])).optional(),
});

export const ResponseAnnotationSchema = z.strictObject({
  basic: BasicScoresSchema,
  errors: ErrorCheckSchema,
  querySpecific: QuerySpecificScoresSchema,
});

export const PreferenceLabelSchema = z.enum(["A", "B"]);

export const PairRecordSchema = z.strictObject({
  id: z.string().min(1),
  query: z.string(),
  /** Scenario group id (one of `SCENARIO_IDS` for the paper's data; any non-empty id otherwise). */
  scenario: z.string().min(1),
  scenarioAutoJ: z.string().optional(),
  responseA: ResponseTextSchema,
  responseB: ResponseTextSchema,
  queryInfo: QueryInfoSchema,
  annotationA: ResponseAnnotationSchema,
  annotationB: ResponseAnnotationSchema,
  /** Judge id → preferred response. Judges need not be the paper's 33. */
  labels: z.record(z.string(), PreferenceLabelSchema),
});

// ---------------------------------------------------------------------------------------------
// types

export type ResponseText = z.infer<typeof ResponseTextSchema>;
export type QueryInfo = z.infer<typeof QueryInfoSchema>;
export type BasicScores = Record<BasicAnnotationKey, number>;
export type ErrorItem = z.infer<typeof ErrorItemSchema>;
export type ErrorCheck = z.infer<typeof ErrorCheckSchema>;
export type QuerySpecificScores = z.infer<typeof QuerySpecificScoresSchema>;
/** Everything annotated about one response of a pair. */
export interface ResponseAnnotation {
  basic: BasicScores;
  errors: ErrorCheck;
  querySpecific: QuerySpecificScores;
}
/** One annotated pair in the project's own format. */
export interface PairRecord {
  id: string;
  query: string;
  scenario: string;
  scenarioAutoJ?: string | undefined;
  responseA: ResponseText;
  responseB: ResponseText;
  queryInfo: QueryInfo;
  annotationA: ResponseAnnotation;
  annotationB: ResponseAnnotation;
  labels: Record<string, PreferenceLabel>;
}

/** The 29 comparison features of a pair, and whether it is left out of the fits. */
export interface ComparisonFeatures {
  /** 29 values in {-1, 0, 1}, released property order; positive favours response A. */
  features: number[];
  /** True when either response's error check was not applicable (the paper drops such pairs). */
  excluded: boolean;
}
