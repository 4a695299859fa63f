/**
 * The files the manipulation toolkit reads and writes, one zod schema each. Our own files carry a
 * `format` tag; the benchmarks' files keep exactly the shapes their tools read:
 *
 *   prompts JSON          prefdissect.manipulation-prompt/1 (pd manipulate prompts)
 *   gameability JSON      prefdissect.gameability/1 (pd manipulate gameability --out)
 *   question.jsonl        FastChat's MT-Bench questions {question_id, category, turns}
 *   model_answer/M.jsonl  FastChat's answers {question_id, answer_id, model_id, choices, tstamp}
 *   model_outputs.json    AlpacaEval's outputs [{instruction, output, generator}]
 *   DPO JSONL             TRL's preference pairs {prompt, chosen, rejected}
 *   judgments             FastChat's single-answer grades; AlpacaEval's pairwise annotations
 */
import { z } from "zod";
import { formatTag, jsonDocumentFormat, jsonLinesFormat } from "@prefdissect/shared";
import { MANIPULATION_MODES } from "./targets.js";

export const MANIPULATION_PROMPT_TAG = "prefdissect.manipulation-prompt/1";
export const GAMEABILITY_TAG = "prefdissect.gameability/1";

const PropertyRef = { id: z.number().int().min(0).max(28), label: z.string() };

export const ManipulationPromptSchema = z.object({
  format: formatTag(MANIPULATION_PROMPT_TAG),
  judge: z.string().min(1),
  mode: z.enum(MANIPULATION_MODES),
  /** null: ranked by the mean over the 11 scenarios. */
  group: z.string().nullable(),
  /** "released", "refit" or the weights folder. */
  weights: z.string(),
  properties: z.array(z.object({ ...PropertyRef, preference: z.number() })),
  skipped: z.array(z.object({ ...PropertyRef, reason: z.string() })),
  systemPrompt: z.string().min(1),
});
export type ManipulationPrompt = z.infer<typeof ManipulationPromptSchema>;

export const MANIPULATION_PROMPT_FILE = jsonDocumentFormat({
  what: `the prompts JSON pd manipulate prompts writes (${MANIPULATION_PROMPT_TAG})`,
  schema: ManipulationPromptSchema,
  indent: 2,
});

const GainSchema = z.object({
  propertyIndex: z.number().int().min(0).max(28),
  label: z.string(),
  gain: z.number(),
  low: z.number().optional(),
  high: z.number().optional(),
});

export const GameabilityReportSchema = z.object({
  format: formatTag(GAMEABILITY_TAG),
  judge: z.string().min(1),
  weights: z.string(),
  data: z.object({ file: z.string(), rows: z.number().int().nonnegative(), synthetic: z.boolean() }),
  /** Probability mass of the intervals (present with posterior draws). */
  mass: z.number().gt(0).lt(1).nullable(),
  groups: z.array(
    z.object({
      /** A group id, or "mean" (`SCENARIO_MEAN`) for the mean over the 11 scenarios. */
      group: z.string(),
      pairs: z.number().int().nonnegative(),
      draws: z.number().int().nonnegative(),
      /** Largest gain first. */
      gains: z.array(GainSchema),
    }),
  ),
});
export type GameabilityReport = z.infer<typeof GameabilityReportSchema>;

export const GAMEABILITY_FILE = jsonDocumentFormat({
  what: `the gameability JSON pd manipulate gameability writes (${GAMEABILITY_TAG})`,
  schema: GameabilityReportSchema,
  indent: 1,
});

/** FastChat's benchmark questions (`data/<bench>/question.jsonl`). */
export const FastChatQuestionSchema = z.looseObject({
  question_id: z.number().int(),
  category: z.string(),
  turns: z.array(z.string()).min(1),
});
export type FastChatQuestion = z.infer<typeof FastChatQuestionSchema>;

export const FASTCHAT_QUESTIONS_FILE = jsonLinesFormat({
  what: "MT-Bench questions (FastChat's question.jsonl: question_id, category, turns)",
  line: FastChatQuestionSchema,
});

/** One answer line of FastChat's `model_answer/<model>.jsonl`. */
export const FastChatAnswerSchema = z.object({
  question_id: z.number().int(),
  answer_id: z.string().min(1),
  model_id: z.string().min(1),
  choices: z.array(z.object({ index: z.number().int(), turns: z.array(z.string()) })).min(1),
  tstamp: z.number(),
});
export type FastChatAnswer = z.infer<typeof FastChatAnswerSchema>;

export const FASTCHAT_ANSWERS_FILE = jsonLinesFormat({ what: "FastChat answers (model_answer/<model>.jsonl)", line: FastChatAnswerSchema });

/** One entry of an AlpacaEval instruction set (`instruction`; `dataset` and others optional). */
export const AlpacaEvalInstructionSchema = z.looseObject({ instruction: z.string().min(1), dataset: z.string().optional() });

export const ALPACA_EVAL_INSTRUCTIONS_FILE = jsonDocumentFormat({
  what: "an AlpacaEval instruction set (a JSON list of objects with instruction)",
  schema: z.array(AlpacaEvalInstructionSchema).min(1),
});

/** One entry of AlpacaEval's `model_outputs.json`. */
export const AlpacaEvalOutputSchema = z.object({ instruction: z.string(), output: z.string(), generator: z.string().min(1), dataset: z.string().optional() });
export type AlpacaEvalOutput = z.infer<typeof AlpacaEvalOutputSchema>;

export const ALPACA_EVAL_OUTPUTS_FILE = jsonDocumentFormat({
  what: "AlpacaEval model outputs (model_outputs.json)",
  schema: z.array(AlpacaEvalOutputSchema),
  indent: 2,
});

/** One line of a DPO file in TRL's standard preference format. */
export const DpoPairSchema = z.object({ prompt: z.string(), chosen: z.string(), rejected: z.string() });

export const DPO_PAIRS_FILE = jsonLinesFormat({ what: "DPO pairs in TRL's preference format (prompt, chosen, rejected)", line: DpoPairSchema });

/** One grade in FastChat's `model_judgment/<judge>_single.jsonl` (what show_result.py reads). */
export const FastChatJudgmentSchema = z.looseObject({
  question_id: z.number().int(),
  model: z.string().min(1),
  score: z.number(),
  turn: z.number().int(),
});
export type FastChatJudgment = z.infer<typeof FastChatJudgmentSchema>;

export const FASTCHAT_JUDGMENTS_FILE = jsonLinesFormat({
  what: "FastChat single-answer grades (model_judgment/<judge>_single.jsonl)",
  line: FastChatJudgmentSchema,
});

/**
 * One pairwise annotation of AlpacaEval (`annotations.json`): `preference` 1 prefers output_1 (the
 * reference), 2 prefers output_2, 1.5 is a tie; weighted annotators give values in between;
 * null when the annotator gave no verdict.
 */
export const AlpacaEvalAnnotationSchema = z.looseObject({
  instruction: z.string(),
  generator_1: z.string(),
  generator_2: z.string(),
  preference: z.number().min(1).max(2).nullable(),
});
export type AlpacaEvalAnnotation = z.infer<typeof AlpacaEvalAnnotationSchema>;

export const ALPACA_EVAL_ANNOTATIONS_FILE = jsonDocumentFormat({
  what: "AlpacaEval annotations (annotations.json: instruction, generator_1, generator_2, preference)",
  schema: z.array(AlpacaEvalAnnotationSchema),
});
