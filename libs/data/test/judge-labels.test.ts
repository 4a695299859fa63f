import { describe, expect, it } from "vitest";
import { checkNewJudgeId, parseLabelsForDataset } from "../src/index.js";
import { failure } from "./failure.js";

const dataset = { file: "pairs.parquet", pairs: 4 };

describe("parseLabelsForDataset()", () => {
  it("returns the labels when there is one A/B per pair", () => {
    expect(parseLabelsForDataset('["A","B","B","A"]', "labels.json", dataset)).toEqual(["A", "B", "B", "A"]);
  });

  it("names the first pair without a label when the file is short", () => {
    const error = failure(() => parseLabelsForDataset('["A","B","B"]', "labels.json", dataset));
    expect(error.message).toBe(
      'labels.json holds 3 labels but pairs.parquet has 4 pairs (the first pair without a label is index 3); expected one "A" or "B" per pair, in dataset order',
    );
    expect(error.code).toBe("length-mismatch");
    expect(error.place).toEqual({ file: "labels.json", row: 3 });
  });

  it("names the first extra label when the file is long", () => {
    const error = failure(() => parseLabelsForDataset('["A","B","B","A","A","B"]', "labels.json", dataset));
    expect(error.message).toMatch(/holds 6 labels but pairs\.parquet has 4 pairs \(the first label without a pair is index 4\)/);
    expect(error.place.row).toBe(4);
  });

  it("names the first bad value and rejects anything but a JSON array", () => {
    const error = failure(() => parseLabelsForDataset('["A","b","C","A"]', "labels.json", dataset));
    expect(error.message).toBe('labels.json: row 1 must be one of "A", "B", got "b"; expected a labels file (a JSON array of "A" / "B" in dataset order)');
    expect(error.place.row).toBe(1);
    expect(failure(() => parseLabelsForDataset('{"labels":[]}', "labels.json", dataset)).message).toMatch(/^labels\.json: must be an array, got object; expected a labels file/);
    expect(failure(() => parseLabelsForDataset("[A, B", "labels.json", dataset)).message).toMatch(/labels\.json is not valid JSON/);
  });
});

describe("checkNewJudgeId()", () => {
  it("accepts a new short id and rejects the paper's judges, taken ids and unsafe names", () => {
    expect(checkNewJudgeId("my-judge_v1.2")).toBe("my-judge_v1.2");
    expect(failure(() => checkNewJudgeId("human")).message).toBe('name "human" is already a judge; choose another name');
    expect(failure(() => checkNewJudgeId("mine", ["mine"], "--name")).message).toBe('--name "mine" is already a judge; choose another name');
    for (const bad of ["", "-x", "a b", "a/b", "x".repeat(65)]) {
      expect(failure(() => checkNewJudgeId(bad)).code).toBe("bad-judge-id");
    }
  });
});
