import { describe, expect, it } from "vitest";
import { GROUP_IDS, JUDGE_IDS, PROPERTY_COUNT, SCENARIO_IDS, formatFittedParams, weightsFileName, type TextFile } from "@prefdissect/data";
import { PLACEMENT_FILE, placeJudge } from "@prefdissect/judges";
import { MODE_JUDGE_FIT, type JudgeFit } from "@prefdissect/refit";
import { createRandomStream } from "@prefdissect/shared";
import { isJudgeAddFile, openedJudges } from "../src/opened-judges.js";

const rng = createRandomStream(11, 0);
const vector = () => Array.from({ length: PROPERTY_COUNT }, () => rng.normal());
/** Made-up weights of the 33 and of the new judge, in every group. */
const paper = new Map(GROUP_IDS.map((group) => [group, new Map(JUDGE_IDS.map((judge) => [judge, vector()]))]));
const mine = new Map(GROUP_IDS.map((group) => [group, vector()]));

/** What `pd judge add --name my-judge --fast --folds 1 --out out` writes for `mine` (its charts aside). */
function judgeAddFolder(): TextFile[] {
  const fit: JudgeFit = {
    judge: "my-judge",
    settings: { ...MODE_JUDGE_FIT, folds: 1 },
    weights: new Map(GROUP_IDS.map((group) => [group, new Map([["my-judge", mine.get(group)!]])])),
    groups: GROUP_IDS.map((group) => {
      const mean = mine.get(group)!;
      return {
        group,
        rows: 300,
        excluded: 0,
        mean,
        q05: mean,
        q95: mean,
        folds: [],
        accuracy: null,
        heldOutRows: 0,
        draws: [],
        diagnostics: null,
        warnings: [],
      };
    }),
    intervals: [],
    skipped: [],
  };
  const placement = placeJudge({
    fit,
    weights: paper,
    comparedWith: "made-up weights of the 33",
    data: { file: "data/derived/synthetic/synthetic.parquet", rows: 5240, synthetic: true },
    labels: { file: "labels.json", labels: ["A", "B"] },
  });
  return [
    { file: "out/placement.json", text: PLACEMENT_FILE.stringify(placement) },
    ...GROUP_IDS.map((group) => ({ file: `out/weights/${weightsFileName(group)}`, text: formatFittedParams([["my-judge", mine.get(group)!]]) })),
  ];
}

const open =
  (files: TextFile[], taken: readonly string[] = JUDGE_IDS) =>
  () =>
    openedJudges(files, "out", taken, "2026-01-01T00:00:00Z");
const replaced = (files: TextFile[], file: string, edit: (text: string) => string) =>
  files.map((entry) => (entry.file === file ? { ...entry, text: edit(entry.text) } : entry));

describe("opening the files pd judge add wrote", () => {
  it("reads the weights of every group and, from placement.json, how and on what the judge was fitted", () => {
    const [judge, ...others] = open(judgeAddFolder())();
    expect(others).toEqual([]);
    expect(judge).toEqual({
      id: "my-judge",
      openedFrom: "out",
      method: "mode",
      folds: 1,
      dataset: { file: "data/derived/synthetic/synthetic.parquet", pairs: 5240, synthetic: true },
      addedAt: "2026-01-01T00:00:00Z",
      weights: Object.fromEntries(GROUP_IDS.map((group) => [group, mine.get(group)])),
      intervals: [],
    });
    // The weights alone are enough; what placement.json tells is then not known.
    const [bare] = open(judgeAddFolder().filter((entry) => entry.file !== "out/placement.json"))();
    expect(bare).toMatchObject({ id: "my-judge", method: null, folds: null, dataset: null });
    expect(bare!.weights).toEqual(judge!.weights);
  });

  it("reads only the weight files and placement.json of a folder (not its charts)", () => {
    expect(["out/placement.json", "placement.json", `out/weights/${weightsFileName("Code")}`].map(isJudgeAddFile)).toEqual([true, true, true]);
    expect(["out/placement.md", "out/placement-similarity.json", "out/placement-similarity.png"].map(isJudgeAddFile)).toEqual([false, false, false]);
  });

  it("refuses a placement.json of another format, naming the file and the field", () => {
    const files = replaced(judgeAddFolder(), "out/placement.json", (text) => text.replace('"prefdissect.judge-placement/1"', '"prefdissect.refit-summary/1"'));
    expect(open(files)).toThrow(
      /^out\/placement\.json: field "format" .*; expected the placement\.json that pd judge add writes \(prefdissect\.judge-placement\/1\)$/,
    );
  });

  it("refuses a placement.json of another judge than the weights'", () => {
    const files = replaced(judgeAddFolder(), "out/placement.json", (text) => text.replace('"judge": "my-judge"', '"judge": "your-judge"'));
    expect(open(files)).toThrow(/^out\/placement\.json: field "judge" is "your-judge", but the weight files hold "my-judge"/);
  });

  it("needs every scenario's weights, and names the missing file", () => {
    const files = judgeAddFolder().filter((entry) => entry.file !== `out/weights/${weightsFileName("Advice")}`);
    expect(SCENARIO_IDS).toContain("Advice");
    expect(open(files)).toThrow(
      /^out: judge "my-judge" has no weights for the scenario Advice \(expected in model_Advice_fitted_paras\.jsonl\); the demo needs all 11 scenarios/,
    );
    // A query-specific group may be missing: the judge is then absent there, as in the released weights.
    const withoutCase = judgeAddFolder().filter((entry) => entry.file !== `out/weights/${weightsFileName("w_constraints")}`);
    expect(Object.keys(open(withoutCase)()[0]!.weights)).not.toContain("w_constraints");
  });

  it("accepts any new judge id, refuses one of the 33, a malformed id and one already in the page", () => {
    const renamed = (id: string) =>
      judgeAddFolder()
        .filter((entry) => entry.file !== "out/placement.json")
        .map((entry) => ({ ...entry, text: entry.text.replace('"my-judge"', JSON.stringify(id)) }));
    expect(open(renamed("Llama-3.1_8B.instruct"))()[0]!.id).toBe("Llama-3.1_8B.instruct");
    expect(open(renamed("human"))).toThrow(
      /^out\/weights\/model_Advice_fitted_paras\.jsonl:1: field "model_name" "human" is not an added judge's id .*; expected an added judge's weights file/,
    );
    expect(open(renamed("my judge"))).toThrow(/^out\/weights\/model_Advice_fitted_paras\.jsonl:1: field "model_name" "my judge" is not an added judge's id/);
    expect(open(judgeAddFolder(), [...JUDGE_IDS, "my-judge"])).toThrow(
      /^out: judge "my-judge" is already in this page; remove it below before opening it again$/,
    );
  });

  it("says what to choose when no weight file is among the files", () => {
    expect(open([{ file: "out/placement.md", text: "" }])).toThrow(
      /^out: none of the files is a model_<group>_fitted_paras\.jsonl; choose the --out folder of pd judge add, or the files in its weights\/ folder$/,
    );
  });
});
