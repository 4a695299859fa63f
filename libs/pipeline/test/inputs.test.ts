import { describe, expect, it } from "vitest";
import { describeSource } from "@prefdissect/figures";
import { parseWeightSource } from "../src/index.js";
import { defaultNotebookSelection, parseJudgeRuns } from "../src/node.js";

describe("parseWeightSource()", () => {
  it("reads released, refit and refit:<folder>", () => {
    expect(parseWeightSource(undefined)).toEqual({ source: "released", label: describeSource("released") });
    expect(parseWeightSource("refit").source).toBe("refit");
    const custom = parseWeightSource("refit:data/derived/other");
    expect(custom).toMatchObject({ source: "refit", dir: "data/derived/other" });
    expect(custom.label).toContain("data/derived/other");
  });

  it("rejects anything else, naming PD_WEIGHTS's expected values", () => {
    expect(() => parseWeightSource("fitted")).toThrow(/"fitted".*"released", "refit" or "refit:<folder>"/);
  });
});

describe("defaultNotebookSelection()", () => {
  const available = ["n/data-statistics.ipynb", "n/fig01-communication-dissection.ipynb", "n/refit-uncertainty.ipynb"];

  it("runs only the paper notebooks for released weights without data", () => {
    const selection = defaultNotebookSelection(available, { weights: "released" });
    expect(selection.run).toEqual(["n/fig01-communication-dissection.ipynb"]);
    expect(selection.skipped).toEqual([
      { name: "data-statistics", needs: "dataset" },
      { name: "refit-uncertainty", needs: "refit" },
    ]);
  });

  it("adds the refit notebook for refit weights and the dataset notebook when data is named", () => {
    expect(defaultNotebookSelection(available, { weights: "refit:x/weights", data: "d.parquet" }).run).toEqual(available);
    expect(defaultNotebookSelection(available, { data: "hf" }).run).toEqual(available.slice(0, 2));
  });
});

describe("defaultNotebookSelection() and collected judges", () => {
  it("runs the preference-strength notebook only when runs are named", () => {
    const available = ["n/fig01-communication-dissection.ipynb", "n/fig06-preference-strength.ipynb"];
    expect(defaultNotebookSelection(available, { weights: "released" }).skipped).toEqual([{ name: "fig06-preference-strength", needs: "judge-runs" }]);
    expect(defaultNotebookSelection(available, { judgeRuns: "runs/a/collect" }).run).toEqual(available);
  });
});

describe("parseJudgeRuns()", () => {
  it("reads <collect>[=<add>] runs, comma-separated", () => {
    expect(parseJudgeRuns(" runs/base/collect=runs/base/added , runs/chat/collect")).toEqual([
      { collected: "runs/base/collect", added: "runs/base/added" },
      { collected: "runs/chat/collect" },
    ]);
  });

  it("names the setting and the expected form for an empty setting or a malformed run", () => {
    expect(() => parseJudgeRuns("")).toThrow(/^PD_JUDGE_RUNS names no run; expected comma-separated <pd judge collect folder>\[=<pd judge add folder>\]$/);
    expect(() => parseJudgeRuns("a=b=c")).toThrow(/^PD_JUDGE_RUNS: "a=b=c" is not a run; expected /);
    expect(() => parseJudgeRuns("a=")).toThrow(/"a=" is not a run/);
  });
});
