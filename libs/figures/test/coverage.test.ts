import { describe, expect, it } from "vitest";
import { mkdtempSync, existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GPT4_TURBO, GROUP_IDS, HUMAN, type WeightSet } from "@prefdissect/data";
import { FIGURES, planPaperFigure, weightCoverage } from "../src/index.js";
import { defaultNotebookSelection, drawPlannedFigure } from "../src/node.js";
import { syntheticWeights } from "./fixtures.js";

const full = syntheticWeights();

/** The full fixture restricted to some judges (all groups). */
function only(judges: readonly string[], groups: readonly string[] = GROUP_IDS): WeightSet {
  return new Map(groups.map((group) => [group, new Map(judges.map((judge) => [judge, full.get(group)!.get(judge)!]))]));
}

describe("planPaperFigure()", () => {
  it("draws every figure unchanged from a complete weight set", () => {
    for (const figure of FIGURES) {
      const plan = planPaperFigure(figure, full, "Source: s");
      expect(plan).toEqual({ kind: "draw", rows: figure.rows(full), sourceLabel: "Source: s", partial: false });
    }
  });

  it("draws what a three-judge refit holds, says so, and skips the figures it cannot support", () => {
    const weights = only([HUMAN, GPT4_TURBO, "llama-2-70b-chat"]);
    expect(weightCoverage(weights)).toMatchObject({ complete: false, judges: [HUMAN, "llama-2-70b-chat", GPT4_TURBO] });
    const plans = new Map(FIGURES.map((figure) => [figure.name, planPaperFigure(figure, weights, "Source: s")]));
    for (const name of ["fig01-communication-dissection", "table03-top-bottom-properties", "table04-error-sensitivity", "fig-similarity-heatmap"]) {
      const plan = plans.get(name)!;
      expect(plan.kind, name).toBe("draw");
      if (plan.kind === "draw") expect(plan.sourceLabel).toBe("Source: s. Partial refit, only the fitted judges shown: 3 of 33 judges, 16 of 16 groups");
    }
    const heatmap = plans.get("fig-similarity-heatmap")!;
    expect(heatmap.kind === "draw" && heatmap.rows.length).toBe(9);
    expect(plans.get("fig-size-group-similarity")).toMatchObject({ kind: "skip", reason: expect.stringContaining("this refit has 0 and 1") });
    expect(plans.get("fig06-alignment-similarity")).toMatchObject({ kind: "skip", reason: expect.stringContaining("no pretrained base model") });
  });

  it("draws the size-group and alignment figures from the fitted models when there are enough", () => {
    const weights = only([HUMAN, "llama-2-7b", "llama-2-7b-chat", "vicuna-7b-v1.5", "llama-2-70b", "llama-2-70b-chat", "tulu-2-dpo-70b"].filter((id) => full.get("Advice")!.has(id)));
    const sizes = FIGURES.find((figure) => figure.name === "fig-size-group-similarity")!;
    const alignment = FIGURES.find((figure) => figure.name === "fig06-alignment-similarity")!;
    const sizePlan = planPaperFigure(sizes, weights, "Source: s");
    const alignmentPlan = planPaperFigure(alignment, weights, "Source: s");
    expect(alignmentPlan.kind).toBe("draw");
    if (alignmentPlan.kind === "draw") expect(alignmentPlan.rows.length).toBeGreaterThan(0);
    expect(sizePlan.kind).toBe("draw");
  });

  it("removes a skipped figure's older files and writes nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plan-"));
    const figure = FIGURES.find((f) => f.name === "fig06-alignment-similarity")!;
    for (const extension of ["svg", "png", "json"]) writeFileSync(join(dir, `${figure.name}.${extension}`), "old");
    const written = await drawPlannedFigure(figure, { kind: "skip", reason: "r" }, { outDir: dir });
    expect(written).toBeUndefined();
    expect(["svg", "png", "json"].some((extension) => existsSync(join(dir, `${figure.name}.${extension}`)))).toBe(false);
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
