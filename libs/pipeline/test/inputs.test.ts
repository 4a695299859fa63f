import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeSource, communicationDissection } from "@prefdissect/figures";
import { parseWeightSource } from "../src/index.js";
import { defaultNotebookSelection, drawPlannedFigure } from "../src/node.js";

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

describe("drawPlannedFigure()", () => {
  it("removes a skipped figure's older files and writes nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plan-"));
    const name = communicationDissection.name;
    for (const extension of ["svg", "png", "json"]) writeFileSync(join(dir, `${name}.${extension}`), "old");
    const written = await drawPlannedFigure(communicationDissection, { kind: "skip", reason: "r" }, dir);
    expect(written).toBeUndefined();
    expect(["svg", "png", "json"].some((extension) => existsSync(join(dir, `${name}.${extension}`)))).toBe(false);
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
