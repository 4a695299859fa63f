import { describe, expect, it } from "vitest";
import type { PrefDissectError } from "@prefdissect/shared";
import {
  formatFittedParams,
  formatLabelsFile,
  parseFittedParams,
  parseGroupIndex,
  parseLabelsFile,
  parseWeightsFiles,
  weightsFileGroup,
  weightsFileName,
  weightsTable,
  addedJudgeIds,
  withAddedJudges,
} from "../src/index.js";
import { failure } from "./failure.js";

const weights = (n: number, fill = 0.1) => Array.from({ length: n }, () => fill);
const line = (judge: string, params: unknown) => JSON.stringify({ model_name: judge, parameters: params });

function expectError(fn: () => unknown, pattern: RegExp): PrefDissectError {
  const error = failure(fn);
  expect(error.message).toMatch(pattern);
  return error;
}

describe("parseFittedParams()", () => {
  it("reads one weight vector per judge", () => {
    const text = [line("human", weights(29, 0.5)), line("gpt-4-1106-preview", weights(29, -1))].join("\n") + "\n";
    const ws = parseFittedParams(text, "f.jsonl", "Communication");
    expect([...ws.keys()]).toEqual(["human", "gpt-4-1106-preview"]);
    expect(ws.get("gpt-4-1106-preview")![28]).toBe(-1);
  });

  it("writes the released layout back, judges in catalog order", () => {
    const text = formatFittedParams(new Map([["gpt-4-1106-preview", weights(29, -1)], ["human", weights(29, 0.5)]]));
    expect(text.split("\n")[0]).toBe(line("human", weights(29, 0.5)));
    expect(text.endsWith("\n")).toBe(true);
    expect([...parseFittedParams(text, "f.jsonl", "Code").keys()]).toEqual(["human", "gpt-4-1106-preview"]);
  });

  it("names file and line when a line has 28 numbers", () => {
    const text = [line("human", weights(29)), line("yi-6b", weights(28))].join("\n");
    const error = expectError(() => parseFittedParams(text, "f.jsonl", "Code"), /^f\.jsonl:2: field "parameters" must hold 29 numbers, one per property; expected a weights file in the released layout/);
    expect(error.place).toMatchObject({ file: "f.jsonl", line: 2, field: "parameters" });
  });

  it("rejects non-finite numbers, unknown judges, unknown groups and broken JSON", () => {
    const bad = weights(29) as unknown[];
    bad[22] = "NaN";
    expectError(() => parseFittedParams(line("human", bad), "f.jsonl", "Code"), /^f\.jsonl:1: field "parameters\.22" must be a number, got string/);
    const infinite = weights(29);
    infinite[3] = Infinity; // JSON has no Infinity: it is written as null
    expectError(() => parseFittedParams(line("human", infinite), "f.jsonl", "Code"), /field "parameters\.3" must be a number, got null/);
    expectError(() => parseFittedParams(line("gpt-5", weights(29)), "f.jsonl", "Code"), /f\.jsonl:1: field "model_name" unknown judge "gpt-5"/);
    expectError(() => parseFittedParams([line("human", weights(29)), line("human", weights(29))].join("\n"), "f.jsonl", "Code"), /judge "human" appears twice/);
    expectError(() => parseFittedParams(line("human", weights(29)), "f.jsonl", "Poetry"), /unknown group "Poetry"/);
    expectError(() => parseFittedParams("{oops", "f.jsonl", "Code"), /f\.jsonl:1 is not valid JSON/);
  });
});

describe("parseGroupIndex()", () => {
  it("reads groups and rejects unknown ones", () => {
    const index = parseGroupIndex(JSON.stringify({ all: [0, 1, 2], Code: [1], w_stances: [2] }), "idx.json");
    expect(index.get("Code")).toEqual([1]);
    expectError(() => parseGroupIndex(JSON.stringify({ Poetry: [1] }), "idx.json"), /unknown group "Poetry"/);
    expectError(() => parseGroupIndex(JSON.stringify({ Code: [-1] }), "idx.json"), /idx\.json: field "Code\.0" must be at least 0, got -1; expected the group index \(an object from group id or "all" to a list of non-negative row indices\)/);
  });
});

describe("parseLabelsFile()", () => {
  it("reads A/B labels and checks the length", () => {
    expect(parseLabelsFile('["A","B","A"]', "l.json", 3)).toEqual(["A", "B", "A"]);
    const error = expectError(() => parseLabelsFile('["A","C"]', "l.json"), /^l\.json: row 1 must be one of "A", "B", got "C"; expected a labels file \(a JSON array of "A" \/ "B" in dataset order\)$/);
    expect(error.place).toEqual({ file: "l.json", row: 1 });
    expect(parseLabelsFile(formatLabelsFile(["B", "A"]), "l.json")).toEqual(["B", "A"]);
    expectError(() => parseLabelsFile('["A"]', "l.json", 2), /holds 1 labels but the dataset has 2 pairs/);
  });
});

describe("weightsTable()", () => {
  it("has one row per group, judge and property", () => {
    const ws = new Map([["Code", new Map([["human", Array.from({ length: 29 }, (_, k) => k / 10)]])]]);
    const t = weightsTable(ws);
    expect(t.numRows()).toBe(29);
    expect(t.get("property", 22)).toBe("no severe errors");
    expect(t.get("weight", 22)).toBeCloseTo(2.2);
  });

  it("selects groups and judges in the order asked, skipping absent ones, and names valid ids for a typo", () => {
    const vector = (x: number) => Array.from({ length: 29 }, () => x);
    const ws = new Map([
      ["Code", new Map([["human", vector(1)], ["gpt-4-1106-preview", vector(2)]])],
      ["Advice", new Map([["human", vector(3)]])],
    ]);
    const t = weightsTable(ws, { groups: ["Advice", "Code"], judges: ["gpt-4-1106-preview", "human"] });
    expect(t.numRows()).toBe(3 * 29);
    expect([0, 29, 58].map((row) => [t.get("group", row), t.get("judge", row)])).toEqual([
      ["Advice", "human"],
      ["Code", "gpt-4-1106-preview"],
      ["Code", "human"],
    ]);
    expectError(() => weightsTable(ws, { groups: ["Cod"] }), /^groups: unknown group "Cod"; the groups are "Advice", "Code", .*"w_mistakes"$/);
    expectError(() => weightsTable(ws, { judges: ["gpt4"] }), /^judges: unknown judge "gpt4"; the judges are "human", /);
  });

  it("selects an added judge the weights hold, and names it among the valid ones", () => {
    const vector = (x: number) => Array.from({ length: 29 }, () => x);
    const ws = withAddedJudges(new Map([["Code", new Map([["human", vector(1)]])]]), new Map([["Code", new Map([["my-judge", vector(4)]])]]));
    expect(addedJudgeIds(ws)).toEqual(["my-judge"]);
    const t = weightsTable(ws, { judges: ["my-judge", "human"] });
    expect([t.get("judge", 0), t.get("weight", 0), t.get("judge", 29)]).toEqual(["my-judge", vector(4)[0], "human"]);
    expectError(() => weightsTable(ws, { judges: ["my-judg"] }), /^judges: unknown judge "my-judg"; the judges are "human", .*"gpt-4-1106-preview", "my-judge"$/);
    expectError(() => withAddedJudges(ws, ws), /^judge "human" has weights twice in group Code/);
  });
});

describe("formatFittedParams()", () => {
  it("writes the paper's judges in catalog order, then a new judge, in the layout parseFittedParams reads", () => {
    const weights: [string, number[]][] = [
      ["my-new-judge", weights29(0.125)],
      ["gpt-4-1106-preview", weights29(-0.25)],
      ["human", weights29(0.5)],
    ];
    const text = formatFittedParams(weights);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.split("\n").slice(0, 3)).toEqual([
      line("human", weights29(0.5)),
      line("gpt-4-1106-preview", weights29(-0.25)),
      line("my-new-judge", weights29(0.125)),
    ]);
    const known = text.split("\n").slice(0, 2).join("\n");
    expect([...parseFittedParams(known, "f.jsonl", "Code")]).toEqual([weights[2], weights[1]]);
    expect(weightsFileName("Creative Writing")).toBe("model_Creative Writing_fitted_paras.jsonl");
  });
});

describe("parseWeightsFiles()", () => {
  const file = (path: string, ...judges: [string, number[]][]) => ({ file: path, text: formatFittedParams(judges) });

  it("reads the weight files among others, in group order, with the group from each file's name", () => {
    expect(GROUP_NAMES.map((group) => weightsFileGroup(`out/weights/${weightsFileName(group)}`))).toEqual(GROUP_NAMES);
    expect(weightsFileGroup("out/placement.json")).toBeUndefined();
    expect(weightsFileGroup("model_x/notes.jsonl")).toBeUndefined();
    const ws = parseWeightsFiles(
      [
        file(`out/weights/${weightsFileName("Creative Writing")}`, ["my-judge", weights29(0.5)]),
        { file: "out/placement.md", text: "# not weights" },
        file(`out/weights/${weightsFileName("Advice")}`, ["my-judge", weights29(-0.5)], ["other-judge", weights29(1)]),
      ],
      "out",
      "added",
    );
    expect([...ws.keys()]).toEqual(["Advice", "Creative Writing"]);
    expect(ws.get("Advice")!.get("other-judge")).toEqual(weights29(1));
    expect(addedJudgeIds(ws)).toEqual(["my-judge", "other-judge"]);
  });

  it("names the file of a bad line, an unknown group or a judge twice, and the folder without weight files", () => {
    const mine = file(`out/weights/${weightsFileName("Code")}`, ["my-judge", weights29(0.5)]);
    expectError(() => parseWeightsFiles([mine], "out"), /^out\/weights\/model_Code_fitted_paras\.jsonl:1: field "model_name" unknown judge "my-judge"/);
    expectError(
      () => parseWeightsFiles([file("w/model_Poetry_fitted_paras.jsonl", ["my-judge", weights29(0)])], "w", "added"),
      /^w\/model_Poetry_fitted_paras\.jsonl: unknown group "Poetry"/,
    );
    expectError(
      () => parseWeightsFiles([mine, { ...mine, file: `copy/${weightsFileName("Code")}` }], "out", "added"),
      /^copy\/model_Code_fitted_paras\.jsonl: judge "my-judge" already has weights in group Code \(from out\/weights\/model_Code_fitted_paras\.jsonl\)/,
    );
    expectError(() => parseWeightsFiles([{ file: "out/placement.json", text: "{}" }], "out", "added"), /^out holds no model_<group>_fitted_paras\.jsonl files$/);
  });
});

const GROUP_NAMES = ["Code", "Creative Writing", "w_constraints"];

function weights29(fill: number): number[] {
  return weights(29, fill);
}
