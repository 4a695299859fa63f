import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GPT4_TURBO, GROUP_IDS, HUMAN, JUDGE_IDS, SCENARIO_IDS, weightsTable, type WeightSet } from "@prefdissect/data";
import { communicationDissection, communicationDissectionRows, withPreference } from "@prefdissect/figures";
import { writeWeightsDirectory } from "@prefdissect/data/node";
import { SCRATCH_FIGURES_DIR, WeightsAnalysis, loadFigureWeights, notebookFiguresDir, parseExtraJudges, type NotebookDisplay } from "../src/node.js";

/** Weights for every judge and group: distinct, smooth, no randomness needed. */
const full: WeightSet = new Map(
  GROUP_IDS.map((group, g) => [group, new Map(JUDGE_IDS.map((judge, j) => [judge, Array.from({ length: 29 }, (_, k) => Math.sin(1 + g + 3 * j + 7 * k))]))]),
);

function only(judges: readonly string[]): WeightSet {
  return new Map(GROUP_IDS.map((group) => [group, new Map(judges.map((judge) => [judge, full.get(group)!.get(judge)!]))]));
}

/** A display and a log that remember what the notebook would have shown. */
function recorder() {
  const shown: { html: string[]; png: Uint8Array[]; log: string[] } = { html: [], png: [], log: [] };
  const display: NotebookDisplay = { html: (html) => shown.html.push(html), png: (bytes) => shown.png.push(bytes) };
  return { shown, display, log: (line: string) => shown.log.push(line) };
}

function analysisOf(weights: WeightSet) {
  const { shown, display, log } = recorder();
  const outDir = mkdtempSync(join(tmpdir(), "pd-notebook-"));
  return { analysis: new WeightsAnalysis("fig01-communication-dissection", weights, "Source: s", false, display, outDir, log), shown, outDir };
}

describe("notebookFiguresDir()", () => {
  it("writes where pd figures says, and otherwise into a scratch folder, never figures/", () => {
    expect(notebookFiguresDir({ PD_FIGURES_DIR: "figures/refit" })).toBe("figures/refit");
    expect(notebookFiguresDir({})).toBe(SCRATCH_FIGURES_DIR);
    expect(SCRATCH_FIGURES_DIR.startsWith("figures")).toBe(false);
  });
});

describe("WeightsAnalysis", () => {
  it("draws a figure from the notebook's rows: shown inline and written as SVG, PNG and JSON", async () => {
    const { analysis, shown, outDir } = analysisOf(full);
    const judges = analysis.judgesFitted([HUMAN, GPT4_TURBO], ["Code"]);
    const rows = communicationDissectionRows(withPreference(weightsTable(analysis.weights, { groups: ["Code"], judges })));
    await analysis.draw(communicationDissection, rows);
    expect(analysis.sourceLabel).toBe("Source: s");
    expect(readdirSync(outDir).sort()).toEqual([
      "fig01-communication-dissection.json",
      "fig01-communication-dissection.png",
      "fig01-communication-dissection.svg",
    ]);
    expect(shown.png).toHaveLength(1);
    expect(shown.log.at(-1)).toMatch(/^wrote .*\.svg, .*\.png, .*\.json$/);
  });

  it("leaves out judges a partial refit did not fit, says so under the figure, and skips what it cannot draw", async () => {
    const { analysis, shown, outDir } = analysisOf(only([HUMAN, GPT4_TURBO]));
    expect(analysis.sourceLabel).toBe("Source: s. Partial refit, only the fitted judges shown: 2 of 33 judges, 16 of 16 groups");
    expect(analysis.judgesFitted([HUMAN, "yi-6b", GPT4_TURBO], SCENARIO_IDS)).toEqual([HUMAN, GPT4_TURBO]);
    expect(shown.log).toEqual(["left out, no weights in all 11 groups asked for: yi-6b"]);
    writeFileSync(join(outDir, "fig01-communication-dissection.png"), "from an earlier run");
    await analysis.draw(communicationDissection, [], "none of the judges has weights in Code");
    expect(existsSync(join(outDir, "fig01-communication-dissection.png"))).toBe(false);
    expect(shown.log.at(-1)).toBe("fig01-communication-dissection skipped: none of the judges has weights in Code (2 of 33 judges, 16 of 16 groups)");
    expect(shown.png).toHaveLength(0);
  });

  it("names the valid groups and judges when a parameter holds an unknown one", () => {
    const { analysis } = analysisOf(full);
    expect(() => analysis.judgesFitted([HUMAN], ["Coding"])).toThrow(/^group: unknown group "Coding"; the groups are "Advice", "Code", /);
    expect(() => analysis.judgesFitted(["gpt-4"], ["Code"])).toThrow(/^judges: unknown judge "gpt-4"; the judges are "human", /);
  });

  it("shows tables with their size and the paper's claims beside ours", () => {
    const { analysis, shown } = analysisOf(full);
    analysis.show(weightsTable(full, { groups: ["Code"], judges: [HUMAN] }), "Weights");
    expect(shown.html[0]).toMatch(/^<p><b>Weights: 29 rows, the first 12 shown<\/b><\/p><table>/);
    expect(shown.html[0]!.match(/<tr>/g)).toHaveLength(13);
    analysis.showClaims("table4-");
    expect(shown.html[1]).toMatch(/The paper's numbers beside ours: 3 rows/);
    expect(shown.html[1]).toContain("62.86");
  });
});

describe("judges added with pd judge add (PD_EXTRA_JUDGES)", () => {
  it("loads them beside the weights, names them in the source line, and lets the notebooks select them", async () => {
    const base = mkdtempSync(join(tmpdir(), "pd-extra-base-"));
    await writeWeightsDirectory(base, only([HUMAN, GPT4_TURBO]));
    const addOut = mkdtempSync(join(tmpdir(), "pd-extra-add-"));
    const mine = new Map(
      GROUP_IDS.map((group) => [
        group,
        new Map([
          [
            "my-judge",
            full
              .get(group)!
              .get(HUMAN)!
              .map((w) => w * 2),
          ],
        ]),
      ]),
    );
    await writeWeightsDirectory(join(addOut, "weights"), mine);

    expect(parseExtraJudges(" runs/a, ,runs/b ")).toEqual(["runs/a", "runs/b"]);
    const plain = await loadFigureWeights(`refit:${base}`);
    expect(plain.added).toEqual([]);
    const loaded = await loadFigureWeights(`refit:${base}`, [addOut]);
    expect(loaded.added).toEqual(["my-judge"]);
    expect(loaded.sourceLabel).toBe(`${plain.sourceLabel}; added with pd judge add: my-judge`);

    const { display, log } = recorder();
    const analysis = new WeightsAnalysis(
      "fig-similarity-heatmap",
      loaded.weights,
      loaded.sourceLabel,
      false,
      display,
      mkdtempSync(join(tmpdir(), "pd-notebook-")),
      log,
    );
    expect(analysis.addedJudges).toEqual(["my-judge"]);
    expect(analysis.judgesFitted([HUMAN, GPT4_TURBO, ...analysis.addedJudges], SCENARIO_IDS)).toEqual([HUMAN, GPT4_TURBO, "my-judge"]);
    const rows = communicationDissectionRows(withPreference(weightsTable(analysis.weights, { groups: ["Code"], judges: analysis.addedJudges })));
    expect(rows.map((row) => row.judgeLabel)).toEqual(Array(29).fill("my-judge"));
    expect(() => analysis.judgesFitted(["my-judg"], ["Code"])).toThrow(/^judges: unknown judge "my-judg"; the judges are "human", .*, "my-judge"$/);
  });
});
