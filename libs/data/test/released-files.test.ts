import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readAddedJudges, readLabelsFile, readWeightsDirectory, writeLabelsFile, writeWeightsDirectory } from "../src/node.js";
import { asyncFailure } from "./failure.js";

const dir = () => mkdtempSync(join(tmpdir(), "pd-released-files-"));

describe("weights folders and labels files on disk", () => {
  it("writes the released layout, which the reader reads back", async () => {
    const d = dir();
    const w = Array.from({ length: 29 }, (_, k) => k / 100);
    await writeWeightsDirectory(d, new Map([["Code", new Map([["gpt-4-1106-preview", w], ["human", w.map((x) => -x)]])]]));
    const lines = readFileSync(join(d, "model_Code_fitted_paras.jsonl"), "utf8").trim().split("\n");
    expect(JSON.parse(lines[0]!).model_name).toBe("human");
    const back = await readWeightsDirectory(d);
    expect([...back.keys()]).toEqual(["Code"]);
    expect(back.get("Code")!.get("gpt-4-1106-preview")).toEqual(w);
  });

  it("reads added judges from a pd judge add folder or a weights folder, and refuses the 33 there and the added ones elsewhere", async () => {
    const w = Array.from({ length: 29 }, (_, k) => k / 50);
    const addOut = dir();
    await writeWeightsDirectory(join(addOut, "weights"), new Map([["Code", new Map([["my-judge", w]])]]));
    const bare = dir();
    await writeWeightsDirectory(bare, new Map([["Code", new Map([["other-judge", w]])], ["Advice", new Map([["other-judge", w]])]]));
    const added = await readAddedJudges([addOut, bare]);
    expect([...added.get("Code")!.keys()]).toEqual(["my-judge", "other-judge"]);
    expect([...added.get("Advice")!.keys()]).toEqual(["other-judge"]);
    const twice = await asyncFailure(() => readAddedJudges([addOut, addOut]));
    expect(twice.message).toBe('judge "my-judge" has weights twice in group Code; give each added judge its own name');
    const paper = dir();
    await writeWeightsDirectory(paper, new Map([["Code", new Map([["human", w]])]]));
    const notAdded = await asyncFailure(() => readAddedJudges([paper]));
    expect(notAdded.message).toMatch(/model_Code_fitted_paras\.jsonl:1: field "model_name" "human" is not an added judge's id .*; expected an added judge's weights file/);
    const unknown = await asyncFailure(() => readWeightsDirectory(bare));
    expect(unknown.message).toMatch(/model_Advice_fitted_paras\.jsonl:1: field "model_name" unknown judge "other-judge"/);
  });

  it("round-trips a labels file and names a missing one", async () => {
    const file = join(dir(), "labels.json");
    await writeLabelsFile(file, ["A", "B", "B"]);
    expect(await readLabelsFile(file, 3)).toEqual(["A", "B", "B"]);
    const error = await asyncFailure(() => readLabelsFile(join(dir(), "none.json")));
    expect(error.message).toMatch(/^cannot read .*none\.json \(ENOENT\)$/);
  });
});
