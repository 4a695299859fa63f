/**
 * REPORT.md: the reproduction report a reviewer reads. Deterministic (no timestamps) so two runs
 * on the same inputs give the same bytes.
 */
import type { Claim } from "./claims.js";

export interface ReportFigure {
  /** File stem, e.g. `fig01-communication-dissection`; the PNG is `<name>.png` beside the report. */
  readonly name: string;
  readonly title: string;
  /** Notebook that draws it, relative to the repository root. */
  readonly notebook?: string;
}

export interface ReportInput {
  readonly claims: readonly Claim[];
  readonly figures: readonly ReportFigure[];
  /** What the weights come from, e.g. "released weights (GAIR-NLP/Preference-Dissection @ ebaeb8a)". */
  readonly source: string;
  /** Extra sections appended verbatim (markdown), e.g. a refit comparison. */
  readonly sections?: readonly string[];
}

const escapeCell = (text: string) => text.replace(/\|/g, "\\|");

export function renderReport(input: ReportInput): string {
  const counts = { pass: 0, fail: 0, "not checked": 0 };
  for (const claim of input.claims) counts[claim.status]++;
  const out: string[] = [];
  out.push("# Reproduction report: Dissecting Human and LLM Preferences");
  out.push("");
  out.push(`Weights: ${input.source}.`);
  out.push("");
  out.push(
    `Claims: **${counts.pass} pass**, **${counts.fail} fail**, ${counts["not checked"]} not checked. ` +
      "A numeric claim passes when the reproduced value rounds to the value printed in the paper.",
  );
  out.push("");
  out.push("| status | claim | paper states it in | paper | reproduced | tolerance |");
  out.push("|---|---|---|---|---|---|");
  for (const c of input.claims) {
    const status = c.status === "pass" ? "✅ pass" : c.status === "fail" ? "❌ fail" : "➖ not checked";
    out.push(
      `| ${status} | ${escapeCell(c.claim)} | ${escapeCell(c.where)} | ${escapeCell(c.paper)} | ${escapeCell(c.reproduced)} | ${escapeCell(c.tolerance)} |`,
    );
  }
  out.push("");
  if (input.figures.length > 0) {
    out.push("## Figures");
    out.push("");
    for (const figure of input.figures) {
      out.push(`### ${figure.title}`);
      out.push("");
      out.push(`![${figure.title}](${encodeURI(figure.name)}.png)`);
      out.push("");
      const from = figure.notebook ? ` Drawn by \`${figure.notebook}\`.` : "";
      out.push(`Files: [SVG](${encodeURI(figure.name)}.svg), [data rows](${encodeURI(figure.name)}.json).${from}`);
      out.push("");
    }
  }
  for (const section of input.sections ?? []) {
    out.push(section.trimEnd());
    out.push("");
  }
  return out.join("\n");
}
