/**
 * The authors' released file formats, which this project also writes: per-group fitted weights
 * (refits use the same layout), the group index and labels files. Pure functions over text, so
 * they run in a browser too; `file` only names the source in error messages. Reading and writing
 * files is in `@prefdissect/data/node` (`readWeightsDirectory`, `writeWeightsDirectory`,
 * `readLabelsFile`, `writeLabelsFile`).
 */
import { z } from "zod";
import { PrefDissectError, jsonDocumentFormat, jsonLinesFormat } from "@prefdissect/shared";
import { PROPERTY_COUNT } from "./catalog/properties.js";
import { GROUP_IDS, isGroupId } from "./catalog/groups.js";
import { JUDGE_IDS, isJudgeId } from "./catalog/judges.js";
import { isAddedJudgeId } from "./catalog/names.js";

/** Weights per group and judge: `ws.get(group)?.get(judge)` is a 29-vector in released order. */
export type WeightSet = ReadonlyMap<string, ReadonlyMap<string, readonly number[]>>;

/** Either preference label: "A" is the first response of the pair (`response_1`). */
export type Label = "A" | "B";

/** One line of `model_<group>_fitted_paras.jsonl`. */
export const FittedParamsLineSchema = z.object({
  model_name: z.string().refine(isJudgeId, { error: (issue) => `unknown judge ${JSON.stringify(issue.input)}` }),
  parameters: z.array(z.number()).length(PROPERTY_COUNT, { error: `must hold ${PROPERTY_COUNT} numbers, one per property` }),
});
export type FittedParamsLine = z.infer<typeof FittedParamsLineSchema>;

/** A group's weights file in the released layout: one `{"model_name", "parameters"}` line per judge. */
export const WEIGHTS_FILE = jsonLinesFormat({
  what: `a weights file in the released layout (one {"model_name": judge id, "parameters": ${PROPERTY_COUNT} finite numbers} per line)`,
  line: FittedParamsLineSchema,
});

/**
 * A group's weights file of judges added with `pd judge add`: the released layout, with ids that
 * are not among the 33 (letters, digits, `.`, `_`, `-`).
 */
export const ADDED_WEIGHTS_FILE = jsonLinesFormat({
  what: `an added judge's weights file (one {"model_name": a new judge id, "parameters": ${PROPERTY_COUNT} finite numbers} per line)`,
  line: FittedParamsLineSchema.extend({
    model_name: z.string().refine(isAddedJudgeId, {
      error: (issue) => `${JSON.stringify(issue.input)} is not an added judge's id (letters, digits, ".", "_" or "-", not one of the 33)`,
    }),
  }),
});

/** Whose weights a file holds: the paper's 33 judges, or judges added with `pd judge add`. */
export type WeightsFileJudges = "paper" | "added";

/** File name of a group's weights in the released layout (also used by refits). */
export function weightsFileName(groupId: string): string {
  return `model_${groupId}_fitted_paras.jsonl`;
}

function checkGroup(groupId: string, file: string): void {
  if (!isGroupId(groupId)) {
    throw new PrefDissectError("unknown-group", `${file}: unknown group "${groupId}" (known: ${GROUP_IDS.join(", ")})`, { file });
  }
}

/** Parses one `model_<group>_fitted_paras.jsonl` into judge → 29 weights, in file order. */
export function parseFittedParams(text: string, file: string, groupId: string, judges: WeightsFileJudges = "paper"): Map<string, number[]> {
  checkGroup(groupId, file);
  const weights = new Map<string, number[]>();
  (judges === "paper" ? WEIGHTS_FILE : ADDED_WEIGHTS_FILE).parse(text, file).forEach(({ model_name: judge, parameters }, row) => {
    if (weights.has(judge)) throw new PrefDissectError("duplicate-judge", `${file}: judge "${judge}" appears twice (entry ${row + 1})`, { file, field: "model_name" });
    weights.set(judge, parameters);
  });
  return weights;
}

/** A file's path (or bare name) and its text: what a folder on disk or a browser's file picker gives. */
export interface TextFile {
  readonly file: string;
  readonly text: string;
}

const WEIGHTS_FILE_NAME = /(?:^|[\\/])model_([^\\/]+)_fitted_paras\.jsonl$/;

/** The group a file of the released layout holds weights for, from its name (`…/model_<group>_fitted_paras.jsonl`); undefined for any other file. */
export function weightsFileGroup(file: string): string | undefined {
  return WEIGHTS_FILE_NAME.exec(file)?.[1];
}

/**
 * Parses the weight files among `files` (other files are skipped), in group order: a folder of the
 * released layout, read from disk or picked in a browser. A file named for an unknown group, or a
 * judge with weights in two files of one group, is an error naming the file; `where` names the
 * folder when it holds no weight files at all.
 */
export function parseWeightsFiles(files: readonly TextFile[], where: string, judges: WeightsFileJudges = "paper"): WeightSet {
  const ws = new Map<string, Map<string, number[]>>();
  /** Group → judge → the file its weights came from. */
  const sources = new Map<string, Map<string, string>>();
  for (const { file, text } of files) {
    const group = weightsFileGroup(file);
    if (group === undefined) continue;
    const target = ws.get(group) ?? new Map<string, number[]>();
    const seen = sources.get(group) ?? new Map<string, string>();
    for (const [judge, parameters] of parseFittedParams(text, file, group, judges)) {
      const earlier = seen.get(judge);
      if (earlier !== undefined) {
        throw new PrefDissectError("duplicate-judge", `${file}: judge "${judge}" already has weights in group ${group} (from ${earlier}); give each judge one file per group`, {
          file,
          field: "model_name",
        });
      }
      seen.set(judge, file);
      target.set(judge, parameters);
    }
    ws.set(group, target);
    sources.set(group, seen);
  }
  if (ws.size === 0) throw new PrefDissectError("missing-weights", `${where} holds no model_<group>_fitted_paras.jsonl files`, { file: where });
  return new Map(GROUP_IDS.filter((group) => ws.has(group)).map((group) => [group, ws.get(group)!]));
}

/**
 * The text of a group's weights file: the paper's judges in catalog order (the order of the
 * released files), then any other judge (a newly added one) in the order given.
 */
export function formatFittedParams(judges: Iterable<readonly [string, readonly number[]]>): string {
  const rank = (judge: string) => (isJudgeId(judge) ? JUDGE_IDS.indexOf(judge) : JUDGE_IDS.length);
  const ordered = [...judges].sort(([a], [b]) => rank(a) - rank(b));
  return WEIGHTS_FILE.stringify(ordered.map(([judge, parameters]) => ({ model_name: judge, parameters: [...parameters] })));
}

/** The judges of `ws` that are not among the 33 (added ones), in order of first appearance. */
export function addedJudgeIds(ws: WeightSet): string[] {
  return [...new Set([...ws.values()].flatMap((judges) => [...judges.keys()]))].filter((judge) => !isJudgeId(judge));
}

/**
 * `ws` with the judges of `added` beside its own, group by group. A judge in both is an error:
 * an added judge never silently replaces another's weights.
 */
export function withAddedJudges(ws: WeightSet, added: WeightSet): WeightSet {
  const merged = new Map<string, Map<string, readonly number[]>>([...ws].map(([group, judges]) => [group, new Map(judges)]));
  for (const [group, judges] of added) {
    const target = merged.get(group) ?? new Map<string, readonly number[]>();
    for (const [judge, vector] of judges) {
      if (target.has(judge)) throw new PrefDissectError("duplicate-judge", `judge "${judge}" has weights twice in group ${group}; give each added judge its own name`, { field: "model_name" });
      target.set(judge, vector);
    }
    merged.set(group, target);
  }
  return merged;
}

/** The group index (`query_aware_idxs.json`): group id (plus "all") → row indices in dataset order. */
export const GROUP_INDEX_FILE = jsonDocumentFormat({
  what: 'the group index (an object from group id or "all" to a list of non-negative row indices)',
  schema: z.record(z.string(), z.array(z.number().int().nonnegative())).superRefine((index, context) => {
    for (const key of Object.keys(index)) {
      if (key !== "all" && !isGroupId(key)) context.addIssue({ code: "custom", message: `unknown group "${key}" (known: ${GROUP_IDS.join(", ")})`, path: [key] });
    }
  }),
});

/** Parses the group index into a map from group id (plus "all") to row indices. */
export function parseGroupIndex(text: string, file: string): Map<string, number[]> {
  return new Map(Object.entries(GROUP_INDEX_FILE.parse(text, file)));
}

/** A labels file: a JSON array of "A" / "B" in dataset order (the authors' example labels file). */
export const LABELS_FILE = jsonDocumentFormat({
  what: 'a labels file (a JSON array of "A" / "B" in dataset order)',
  schema: z.array(z.enum(["A", "B"])),
});

/** Parses a labels file; `expectedLength`, when given, must match. */
export function parseLabelsFile(text: string, file: string, expectedLength?: number): Label[] {
  const labels = LABELS_FILE.parse(text, file);
  if (expectedLength !== undefined && labels.length !== expectedLength) {
    throw new PrefDissectError("length-mismatch", `${file} holds ${labels.length} labels but the dataset has ${expectedLength} pairs`, { file });
  }
  return labels;
}

/** The text of a labels file. */
export function formatLabelsFile(labels: readonly Label[]): string {
  return LABELS_FILE.stringify([...labels]);
}
