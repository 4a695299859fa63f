import { describe, expect, it } from "vitest";
import type { PrefDissectError } from "@prefdissect/shared";
import { formatFittedParams, parseFittedParams, parseGroupIndex, parseLabelsFile, weightsFileName, weightsTable } from "../src/index.js";
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

  it("names file and line when a line has 28 numbers", () => {
    const text = [line("human", weights(29)), line("yi-6b", weights(28))].join("\n");
    const error = expectError(() => parseFittedParams(text, "f.jsonl", "Code"), /f\.jsonl:2: field "parameters" must hold 29 numbers, got 28/);
    expect(error.place).toMatchObject({ file: "f.jsonl", line: 2, field: "parameters" });
  });

  it("rejects non-finite numbers, unknown judges, unknown groups and broken JSON", () => {
    const bad = weights(29) as unknown[];
    bad[22] = "NaN";
    expectError(() => parseFittedParams(line("human", bad), "f.jsonl", "Code"), /f\.jsonl:1: parameters\[22\] \(no severe errors\) must be a finite number/);
    expectError(() => parseFittedParams(line("gpt-5", weights(29)), "f.jsonl", "Code"), /unknown judge "gpt-5"/);
    expectError(() => parseFittedParams(line("human", weights(29)), "f.jsonl", "Poetry"), /unknown group "Poetry"/);
    expectError(() => parseFittedParams("{oops", "f.jsonl", "Code"), /f\.jsonl:1 is not valid JSON/);
  });
});

describe("parseGroupIndex()", () => {
  it("reads groups and rejects unknown ones", () => {
    const index = parseGroupIndex(JSON.stringify({ all: [0, 1, 2], Code: [1], w_stances: [2] }), "idx.json");
    expect(index.get("Code")).toEqual([1]);
    expectError(() => parseGroupIndex(JSON.stringify({ Poetry: [1] }), "idx.json"), /unknown group "Poetry"/);
    expectError(() => parseGroupIndex(JSON.stringify({ Code: [-1] }), "idx.json"), /non-negative row indices/);
  });
});

describe("parseLabelsFile()", () => {
  it("reads A/B labels and checks the length", () => {
    expect(parseLabelsFile('["A","B","A"]', "l.json", 3)).toEqual(["A", "B", "A"]);
    const error = expectError(() => parseLabelsFile('["A","C"]', "l.json"), /entry 1 is "C", expected "A" or "B"/);
    expect(error.place.row).toBe(1);
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
});

describe("formatFittedParams()", () => {
  it("writes the released layout that parseFittedParams reads back, judges in the order given", () => {
    const weights: [string, number[]][] = [
      ["gpt-4-1106-preview", weights29(-0.25)],
      ["human", weights29(0.5)],
    ];
    const text = formatFittedParams(weights);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.split("\n")[0]).toBe(line("gpt-4-1106-preview", weights29(-0.25)));
    expect([...parseFittedParams(text, "f.jsonl", "Code")]).toEqual(weights);
    expect(weightsFileName("Creative Writing")).toBe("model_Creative Writing_fitted_paras.jsonl");
  });
});

function weights29(fill: number): number[] {
  return weights(29, fill);
}
