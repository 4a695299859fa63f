import { describe, expect, it } from "vitest";
import { GPT4_TURBO, GROUP_IDS, HUMAN, type WeightSet } from "@prefdissect/data";
import { FIGURES, planPaperFigure, weightCoverage, type FigureDefinition } from "../src/index.js";
import { syntheticWeights } from "./fixtures.js";

const full = syntheticWeights();
const PAPER_FIGURES = FIGURES.filter((figure): figure is FigureDefinition<WeightSet, object> => figure.input === "weights");

/** The full fixture restricted to some judges (all groups). */
function only(judges: readonly string[], groups: readonly string[] = GROUP_IDS): WeightSet {
  return new Map(groups.map((group) => [group, new Map(judges.map((judge) => [judge, full.get(group)!.get(judge)!]))]));
}

describe("planPaperFigure()", () => {
  it("draws every figure unchanged from a complete weight set", () => {
    for (const figure of PAPER_FIGURES) {
      const plan = planPaperFigure(figure, full, "Source: s");
      expect(plan).toEqual({ kind: "draw", rows: figure.rows(full), sourceLabel: "Source: s", partial: false });
    }
  });

  it("draws what a three-judge refit holds, says so, and skips the figures it cannot support", () => {
    const weights = only([HUMAN, GPT4_TURBO, "llama-2-70b-chat"]);
    expect(weightCoverage(weights)).toMatchObject({ complete: false, judges: [HUMAN, "llama-2-70b-chat", GPT4_TURBO] });
    const plans = new Map(PAPER_FIGURES.map((figure) => [figure.name, planPaperFigure(figure, weights, "Source: s")]));
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
    const sizes = PAPER_FIGURES.find((figure) => figure.name === "fig-size-group-similarity")!;
    const alignment = PAPER_FIGURES.find((figure) => figure.name === "fig06-alignment-similarity")!;
    const sizePlan = planPaperFigure(sizes, weights, "Source: s");
    const alignmentPlan = planPaperFigure(alignment, weights, "Source: s");
    expect(alignmentPlan.kind).toBe("draw");
    if (alignmentPlan.kind === "draw") expect(alignmentPlan.rows.length).toBeGreaterThan(0);
    expect(sizePlan.kind).toBe("draw");
  });
});
