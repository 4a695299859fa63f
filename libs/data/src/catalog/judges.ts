/**
 * The 33 judges: the human (Chatbot Arena votes), 30 open models and 2 proprietary models.
 * `JUDGES` is in size order, the order the paper's similarity figures use: human first, then open
 * models by parameter count (each base model before its fine-tunes), then the two GPT models.
 *
 * Proprietary sizes are unknown; `sizeB` is null for them and they sort last.
 * Mixtral-8x7B is ordered as 56B, the figure the authors' demo uses.
 */
export type JudgeKind = "human" | "pretrained" | "aligned";

export interface Judge {
  /** Id as in the released weight files and the dataset's `preference_labels`. */
  readonly id: string;
  readonly displayName: string;
  /** Parameter count in billions used for ordering; null when undisclosed. */
  readonly sizeB: number | null;
  readonly family: "human" | "llama-2" | "mistral" | "qwen" | "yi" | "gpt";
  readonly kind: JudgeKind;
  readonly openWeights: boolean;
  /** For an aligned open model: the pretrained-only judge it was fine-tuned from. */
  readonly base?: string;
  /** True when `base` comes from the same vendor (e.g. Llama-2-Chat from Llama-2). */
  readonly sameVendorAsBase?: boolean;
}

const pretrained = (id: string, displayName: string, sizeB: number, family: Judge["family"]): Judge => ({
  id,
  displayName,
  sizeB,
  family,
  kind: "pretrained",
  openWeights: true,
});

const aligned = (
  id: string,
  displayName: string,
  sizeB: number,
  family: Judge["family"],
  base: string,
  sameVendorAsBase: boolean,
): Judge => ({ id, displayName, sizeB, family, kind: "aligned", openWeights: true, base, sameVendorAsBase });

export const JUDGES: readonly Judge[] = [
  { id: "human", displayName: "Human", sizeB: null, family: "human", kind: "human", openWeights: false },
  pretrained("yi-6b", "Yi-6B", 6, "yi"),
  aligned("yi-6b-chat", "Yi-6B-Chat", 6, "yi", "yi-6b", true),
  pretrained("llama-2-7b", "LLaMA-2-7B", 7, "llama-2"),
  aligned("llama-2-7b-chat", "LLaMA-2-7B-Chat", 7, "llama-2", "llama-2-7b", true),
  aligned("vicuna-7b-v1.5", "Vicuna-7B-v1.5", 7, "llama-2", "llama-2-7b", false),
  aligned("tulu-2-dpo-7b", "Tulu-2-DPO-7B", 7, "llama-2", "llama-2-7b", false),
  pretrained("mistral-7b", "Mistral-7B", 7, "mistral"),
  aligned("mistral-7b-instruct-v0.1", "Mistral-7B-Instruct-v0.1", 7, "mistral", "mistral-7b", true),
  // v0.2 was tuned from a later Mistral base that is not among the judges; it is compared with
  // Mistral-7B (v0.1) as another fine-tune of the nearest available base.
  aligned("mistral-7b-instruct-v0.2", "Mistral-7B-Instruct-v0.2", 7, "mistral", "mistral-7b", false),
  aligned("zephyr-7b-alpha", "Zephyr-7B-alpha", 7, "mistral", "mistral-7b", false),
  aligned("zephyr-7b-beta", "Zephyr-7B-beta", 7, "mistral", "mistral-7b", false),
  pretrained("qwen-7b", "Qwen-7B", 7, "qwen"),
  aligned("qwen-7b-chat", "Qwen-7B-Chat", 7, "qwen", "qwen-7b", true),
  pretrained("llama-2-13b", "LLaMA-2-13B", 13, "llama-2"),
  aligned("llama-2-13b-chat", "LLaMA-2-13B-Chat", 13, "llama-2", "llama-2-13b", true),
  aligned("wizardLM-13b-v1.2", "WizardLM-13B-v1.2", 13, "llama-2", "llama-2-13b", false),
  aligned("vicuna-13b-v1.5", "Vicuna-13B-v1.5", 13, "llama-2", "llama-2-13b", false),
  aligned("tulu-2-dpo-13b", "Tulu-2-DPO-13B", 13, "llama-2", "llama-2-13b", false),
  pretrained("qwen-14b", "Qwen-14B", 14, "qwen"),
  aligned("qwen-14b-chat", "Qwen-14B-Chat", 14, "qwen", "qwen-14b", true),
  pretrained("yi-34b", "Yi-34B", 34, "yi"),
  aligned("yi-34b-chat", "Yi-34B-Chat", 34, "yi", "yi-34b", true),
  pretrained("mistral-8x7b", "Mixtral-8x7B", 56, "mistral"),
  aligned("mistral-8x7b-instruct-v0.1", "Mixtral-8x7B-Instruct-v0.1", 56, "mistral", "mistral-8x7b", true),
  pretrained("llama-2-70b", "LLaMA-2-70B", 70, "llama-2"),
  aligned("llama-2-70b-chat", "LLaMA-2-70B-Chat", 70, "llama-2", "llama-2-70b", true),
  aligned("wizardLM-70b-v1.0", "WizardLM-70B-v1.0", 70, "llama-2", "llama-2-70b", false),
  aligned("tulu-2-dpo-70b", "Tulu-2-DPO-70B", 70, "llama-2", "llama-2-70b", false),
  pretrained("qwen-72b", "Qwen-72B", 72, "qwen"),
  aligned("qwen-72b-chat", "Qwen-72B-Chat", 72, "qwen", "qwen-72b", true),
  { id: "gpt-3.5-turbo-1106", displayName: "GPT-3.5-Turbo", sizeB: null, family: "gpt", kind: "aligned", openWeights: false },
  { id: "gpt-4-1106-preview", displayName: "GPT-4-Turbo", sizeB: null, family: "gpt", kind: "aligned", openWeights: false },
];

export const JUDGE_IDS: readonly string[] = JUDGES.map((judge) => judge.id);

export const HUMAN = "human";
export const GPT4_TURBO = "gpt-4-1106-preview";

const byId = new Map(JUDGES.map((judge) => [judge.id, judge]));

export function isJudgeId(id: string): boolean {
  return byId.has(id);
}

/** Looks a judge up by id; throws on an unknown id. */
export function judgeById(id: string): Judge {
  const judge = byId.get(id);
  if (judge === undefined) throw new RangeError(`unknown judge "${id}"`);
  return judge;
}

/**
 * The paper's size groups for §4.2: open models of at most 14B (20 models, the Qwen-14B pair
 * included) and those above 30B (10 models). Human and GPT judges belong to neither.
 */
export function sizeGroup(judge: Judge): "small" | "large" | undefined {
  if (!judge.openWeights || judge.sizeB === null) return undefined;
  return judge.sizeB <= 14 ? "small" : judge.sizeB > 30 ? "large" : undefined;
}

/** Aligned open models with their base, split by whether the base is from the same vendor. */
export function baseAlignedPairs(): { base: Judge; aligned: Judge; sameVendor: boolean }[] {
  return JUDGES.filter((judge) => judge.base !== undefined).map((judge) => ({
    base: judgeById(judge.base!),
    aligned: judge,
    sameVendor: judge.sameVendorAsBase === true,
  }));
}
