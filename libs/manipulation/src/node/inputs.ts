/**
 * The inputs of the manipulation commands, read from disk or through the fetcher: benchmark
 * questions, a system message, and a judge's weights (released, a refit, or a folder) with a
 * refit's posterior draws when there are some.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { PrefDissectError } from "@prefdissect/shared";
import { loadFeatureDataset, manifestEntry, readArtifactText, readTextFile, loadWeights, refitDir, type ArtifactOptions } from "@prefdissect/data/node";
import { DATASET_SIZE, synthesizePairs, toFeatureDataset, type FeatureDataset, type WeightSet } from "@prefdissect/data";
import { readFitDraws } from "@prefdissect/refit/node";
import { MANIPULATION_PROMPT_FILE } from "../formats.js";
import { parseQuestions, type QuestionSet } from "../questions.js";

/** `--questions` value for MT-Bench's 80 questions, fetched through the manifest. */
export const MT_BENCH = "mt-bench";

/** MT-Bench (through the fetcher, so `PD_MIRROR` applies) or a questions file in either format. */
export async function loadQuestions(source: string, options: ArtifactOptions = {}): Promise<QuestionSet> {
  if (source === MT_BENCH) return parseQuestions(await readArtifactText("mt-bench-questions", options), manifestEntry("mt-bench-questions").path);
  return parseQuestions(await readTextFile(source), source);
}

/** MT-Bench's GPT-4 reference answers, which FastChat's judge reads for math, reasoning and coding. */
export function loadMtBenchReferenceAnswers(options: ArtifactOptions = {}): Promise<string> {
  return readArtifactText("mt-bench-reference-answers", options);
}

export interface SystemPrompt {
  readonly text: string;
  /** Appended to the model name of the answers written with it. */
  readonly name: string;
}

/** A system message: the JSON `pd manipulate prompts` writes, or any plain text file. */
export async function readSystemPrompt(file: string): Promise<SystemPrompt> {
  const text = await readTextFile(file);
  if (/^\s*\{/.test(text) && /"systemPrompt"\s*:/.test(text)) {
    const prompt = MANIPULATION_PROMPT_FILE.parse(text, file);
    return { text: prompt.systemPrompt, name: `${prompt.mode}-${prompt.judge}` };
  }
  if (text.trim() === "")
    throw new PrefDissectError("malformed-file", `${file} is empty; expected a system message (plain text, or the JSON of pd manipulate prompts)`, { file });
  return { text: text.trim(), name: "system" };
}

export interface JudgeWeights {
  readonly weights: WeightSet;
  /** What the weights are, for outputs: "released", "refit" or the folder. */
  readonly label: string;
  /** A refit's output folder (weights/ and fits/), when the weights came from one. */
  readonly refitDir?: string;
}

/**
 * `released` (the authors' weights), `refit` (the default refit folder), a refit's output folder
 * (holding weights/ and fits/), or a folder of `model_<group>_fitted_paras.jsonl` files.
 */
export async function loadJudgeWeights(setting: string, options: ArtifactOptions = {}): Promise<JudgeWeights> {
  if (setting === "released") return { weights: await loadWeights({ ...options, source: "released" }), label: "released" };
  const dir = setting === "refit" ? refitDir() : setting;
  if (existsSync(join(dir, "weights"))) return { weights: await loadWeights({ source: "refit", dir: join(dir, "weights") }), label: setting, refitDir: dir };
  if (!existsSync(dir)) {
    throw new PrefDissectError("bad-weights-source", `--weights ${setting}: no such folder; expected "released", "refit" or a folder of weights`, {
      field: "--weights",
    });
  }
  return { weights: await loadWeights({ source: "refit", dir }), label: setting };
}

/** The posterior draws of `judge` per group that a refit kept (groups without draws left out). */
export async function loadJudgeDraws(dir: string, judge: string, groups: readonly string[]): Promise<Map<string, number[][]>> {
  const draws = new Map<string, number[][]>();
  for (const group of groups) {
    const found = await readFitDraws(dir, judge, group);
    if (found !== undefined && found.length > 0) draws.set(group, found);
  }
  return draws;
}

/** `--data` value for the synthetic stand-in: the pairs `pd synth --weights released --seed 0` writes. */
export const SYNTHETIC_DATA = "synthetic";

/**
 * The annotated pairs to average the gameability estimate over: the synthetic stand-in (made in
 * memory, the same pairs as `pd synth --weights released --seed 0`), `hf` or any dataset file
 * `pd refit` reads.
 */
export async function loadGameabilityData(setting: string, options: ArtifactOptions = {}): Promise<FeatureDataset> {
  if (setting !== SYNTHETIC_DATA) return loadFeatureDataset({ ...options, data: setting });
  const pairs = synthesizePairs({ weights: await loadWeights({ ...options, source: "released" }), seed: 0, pairs: DATASET_SIZE });
  return toFeatureDataset({
    pairs,
    source: { format: "hf-parquet", file: "pd synth --weights released --seed 0", rows: pairs.length, synthetic: true, schemaDifferences: [], warnings: [] },
  });
}
