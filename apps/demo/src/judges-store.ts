/**
 * The weights the demo shows: the authors' released weights (bundled at build time) plus the
 * judges a visitor added in this browser, fitted here or opened from the files `pd judge add` wrote. Added judges persist in localStorage until removed;
 * what is read back is validated, so a stale or edited entry is dropped with a message instead
 * of breaking the page.
 */
import { z } from "zod";
import { GROUP_IDS, JUDGE_IDS, PROPERTY_COUNT, parseFittedParams, type WeightSet } from "@prefdissect/data";
import releasedWeightsText from "../generated/released-weights.json?raw";

const STORAGE_KEY = "prefdissect-demo/added-judges/1";

const vector = z.array(z.number()).length(PROPERTY_COUNT);

export const AddedJudgeSchema = z.object({
  id: z.string().min(1),
  /**
   * Where the weights were opened from, for a judge fitted elsewhere by `pd judge add` (the folder
   * or files chosen); absent for a judge fitted in this browser.
   */
  openedFrom: z.string().optional(),
  /** How it was fitted, and on which dataset; null for opened weights without their placement.json. */
  method: z.enum(["mode", "nuts"]).nullable(),
  folds: z.number().int().min(1).nullable(),
  dataset: z.object({ file: z.string(), pairs: z.number().int(), synthetic: z.boolean() }).nullable(),
  addedAt: z.string(),
  /** Group id → the judge's 29 weights. */
  weights: z.record(z.string(), vector),
  /** 90 % intervals of P(p) (NUTS fits only), as in a refit's intervals.json. */
  intervals: z.array(z.object({ judge: z.string(), group: z.string(), propertyIndex: z.number().int(), mean: z.number(), low: z.number(), high: z.number() })),
});

export type AddedJudge = z.infer<typeof AddedJudgeSchema>;

/** What the build bundles (scripts/prepare-assets.ts): the text of each group's released weights file. */
const BundledWeightsSchema = z.object({ files: z.array(z.object({ group: z.string(), file: z.string(), text: z.string() })) });

/** The released weights, parsed from the bundled files with the project's own parser. */
function parseReleased(): WeightSet {
  const { files } = BundledWeightsSchema.parse(JSON.parse(releasedWeightsText));
  return new Map(files.map((entry) => [entry.group, parseFittedParams(entry.text, entry.file, entry.group)]));
}

export class JudgeStore {
  readonly released: WeightSet = parseReleased();
  private added: AddedJudge[] = [];
  private merged: WeightSet | undefined;
  /** Set when stored judges could not be read back. */
  readonly loadProblem: string | undefined;

  constructor(private readonly storage: Storage | undefined = globalThis.localStorage) {
    const text = storage?.getItem(STORAGE_KEY);
    if (text) {
      try {
        this.added = z.array(AddedJudgeSchema).parse(JSON.parse(text));
      } catch {
        this.loadProblem = "The judges added earlier in this browser could not be read back (their stored copy is damaged), so they were removed.";
        storage?.removeItem(STORAGE_KEY);
      }
    }
  }

  /** Judges added in this browser, oldest first. */
  addedJudges(): readonly AddedJudge[] {
    return this.added;
  }

  isAdded(id: string): boolean {
    return this.added.some((judge) => judge.id === id);
  }

  /** Every judge id: the paper's 33 in size order, then the added ones. */
  judgeIds(): string[] {
    return [...JUDGE_IDS, ...this.added.map((judge) => judge.id)];
  }

  /** Released and added weights together (added judges only in the groups they were fitted in). */
  weights(): WeightSet {
    this.merged ??= new Map(
      GROUP_IDS.map((group) => {
        const judges = new Map(this.released.get(group));
        for (const judge of this.added) if (judge.weights[group] !== undefined) judges.set(judge.id, judge.weights[group]!);
        return [group, judges];
      }),
    );
    return this.merged;
  }

  intervals(): AddedJudge["intervals"] {
    return this.added.flatMap((judge) => judge.intervals);
  }

  add(judge: AddedJudge): void {
    this.added = [...this.added.filter((other) => other.id !== judge.id), AddedJudgeSchema.parse(judge)];
    this.save();
  }

  remove(id: string): void {
    this.added = this.added.filter((judge) => judge.id !== id);
    this.save();
  }

  private save(): void {
    this.merged = undefined;
    this.storage?.setItem(STORAGE_KEY, JSON.stringify(this.added));
  }
}
