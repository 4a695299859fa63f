/**
 * The refit's part of REPORT.md: where the data came from, held-out accuracy beside the paper's,
 * how the refit compares with the released weights, and (on synthetic data) whether it recovers
 * the weights that generated the labels.
 */
import { GPT4_TURBO, HUMAN, SCENARIO_IDS, judgeById } from "@prefdissect/data";
import { summariseComparison, type WeightComparison } from "./compare.js";
import type { RefitSummary } from "./formats.js";

/**
 * Synthetic labels are drawn from the released scenario weights, so the scenario fits should find
 * them again. 0.7 leaves room for what 400–820 pairs and the Laplace(0, 0.1) prior cost: shrinkage
 * of weak weights toward zero and sampling noise of about ±0.1 per weight (measured ≈ 0.8–0.9).
 */
export const RECOVERY_THRESHOLD = 0.7;

export interface Recovery {
  readonly fits: number;
  readonly medianPearson: number;
  readonly threshold: number;
  readonly recovered: boolean;
}

/** Recovery of the generating weights over the scenario fits (query-specific groups mix scenarios). */
export function recoveryOf(comparison: readonly WeightComparison[]): Recovery | undefined {
  const scenarioRows = comparison.filter((row) => SCENARIO_IDS.includes(row.group));
  if (scenarioRows.length === 0) return undefined;
  const { medianPearson, fits } = summariseComparison(scenarioRows);
  return { fits, medianPearson, threshold: RECOVERY_THRESHOLD, recovered: medianPearson >= RECOVERY_THRESHOLD };
}

const pct = (x: number | null | undefined) => (x === undefined || x === null || !Number.isFinite(x) ? "—" : (100 * x).toFixed(2));

export function refitReportSection(summary: RefitSummary, comparison: readonly WeightComparison[]): string {
  const out: string[] = [];
  const synthetic = summary.source.synthetic;
  out.push(`## Refit from annotated pairs${synthetic ? " (SYNTHETIC data)" : ""}`);
  out.push("");
  out.push(
    `Data: \`${summary.source.file}\` (${summary.source.format}, ${summary.source.rows} pairs)` +
      (synthetic ? ". **Synthetic**: labels were drawn from the released weights, so this section tests the pipeline, not the paper." : "."),
  );
  out.push("");
  out.push(
    `Settings: ${Object.entries(summary.settings)
      .map(([k, v]) => `${k} ${String(v)}`)
      .join(", ")}. Fits: ${summary.fits.length}; skipped: ${summary.skipped.length}.`,
  );
  const rhat = Math.max(...summary.fits.map((f) => f.diagnostics?.maxRhat ?? 1));
  const divergences = summary.fits.reduce((s, f) => s + (f.diagnostics?.divergences ?? 0), 0);
  out.push(`Diagnostics: largest split R-hat ${rhat.toFixed(3)}, ${divergences} divergent transitions in total.`);
  out.push("");

  const recovery = synthetic ? recoveryOf(comparison) : undefined;
  if (recovery !== undefined) {
    out.push("### Recovery of the generating weights");
    out.push("");
    out.push(
      `Median Pearson between refit and generating weights over ${recovery.fits} scenario fits: **${recovery.medianPearson.toFixed(3)}** ` +
        `(threshold ${recovery.threshold}: ${recovery.recovered ? "recovered" : "NOT recovered"}). Query-specific groups are left out: ` +
        "their synthetic labels come from the scenario weights, so no single released vector generated them.",
    );
    out.push("");
  }

  out.push("### Held-out accuracy of the fitted models");
  out.push("");
  out.push(`Definition: ${summary.accuracyDefinition}.`);
  out.push("");
  out.push("| judge | held-out accuracy (%) | paper (Appendix J) |");
  out.push("|---|---|---|");
  const paper: Record<string, string> = { [HUMAN]: "78.12", [GPT4_TURBO]: "86.79" };
  for (const [judge, accuracy] of Object.entries(summary.accuracy)) {
    out.push(`| ${judgeById(judge).displayName} | ${pct(accuracy)} | ${paper[judge] ?? "—"} |`);
  }
  out.push("");

  if (comparison.length > 0) {
    out.push(`### Refit vs ${synthetic ? "generating (released)" : "released"} weights`);
    out.push("");
    out.push("| judge | fits | median Pearson | lowest Pearson | median max abs(Δw) | largest abs(Δw) |");
    out.push("|---|---|---|---|---|---|");
    const judges = [...new Set(comparison.map((row) => row.judge))];
    for (const judge of judges) {
      const s = summariseComparison(comparison.filter((row) => row.judge === judge));
      out.push(
        `| ${judgeById(judge).displayName} | ${s.fits} | ${s.medianPearson.toFixed(3)} | ${s.minPearson.toFixed(3)} | ${s.medianMaxAbsDiff.toFixed(3)} | ${s.maxAbsDiff.toFixed(3)} |`,
      );
    }
    out.push("");
  }
  return out.join("\n");
}
