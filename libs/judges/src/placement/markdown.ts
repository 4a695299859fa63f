/**
 * The placement as a short Markdown report (`placement.md`, also what `pd judge add` prints):
 * nearest and farthest judges, the size groups, Table 4's row, Table 3's top and bottom
 * properties per group, and the two charts. Pure text from the placement value.
 */
import { safeGroupLabel, safeJudgeLabel } from "@prefdissect/figures";
import type { JudgePlacement } from "./placement.js";

const two = (value: number) => value.toFixed(2);
const percent = (value: number) => `${value.toFixed(1)} %`;

function properties(items: JudgePlacement["groups"][number]["top"]): string {
  return items.map((item) => `${item.property} (${item.preference.toFixed(1)})`).join(", ");
}

function fitLine(placement: JudgePlacement): string {
  const { fit } = placement;
  const method =
    fit.method === "nuts"
      ? `the paper's Bayesian logistic regression sampled with NUTS (${fit.chains} chains × (${fit.warmup} warm-up + ${fit.samples} draws))`
      : "the posterior mode of the paper's Bayesian logistic regression";
  const folds = fit.folds === 1 ? "one fit on all rows of each group" : `averaged over ${fit.folds} folds`;
  return `Fitted with ${method}, Laplace(0, ${fit.scale}) prior, ${folds}.`;
}

export function placementMarkdown(placement: JudgePlacement): string {
  const name = placement.judge;
  const lines: string[] = [`# Where ${name} sits among the paper's judges`, ""];
  if (placement.synthetic) {
    lines.push(
      `> **SYNTHETIC DATA.** ${placement.data.file} was made by \`pd synth\`: these numbers test the method, they say nothing about real preferences.`,
      "",
    );
  }
  lines.push(
    `${name}${placement.sizeB === null ? "" : ` (${placement.sizeB}B parameters)`} was fitted from ${placement.labels.file} ` +
      `(${placement.labels.A + placement.labels.B} labels: ${placement.labels.A} A, ${placement.labels.B} B) on ${placement.data.file} (${placement.data.rows} pairs). ` +
      fitLine(placement) +
      (placement.accuracy === null ? "" : ` Held-out accuracy over the scenario fits: ${percent(100 * placement.accuracy)}.`) +
      ` It is compared with ${placement.comparedWith}.`,
    "",
  );

  lines.push(
    "## Nearest and farthest judges",
    "",
    "Similarity: the Pearson correlation of two judges' weights, averaged over the 11 scenarios (paper §4.2).",
    "",
  );
  lines.push("| | most similar | similarity | least similar | similarity |", "|---|---|---|---|---|");
  const rows = Math.max(placement.mostSimilar.length, placement.leastSimilar.length);
  for (let i = 0; i < rows; i++) {
    const near = placement.mostSimilar[i];
    const far = placement.leastSimilar[i];
    lines.push(
      `| ${i + 1} | ${near ? safeJudgeLabel(near.judge) : ""} | ${near ? two(near.similarity) : ""} | ${far ? safeJudgeLabel(far.judge) : ""} | ${far ? two(far.similarity) : ""} |`,
    );
  }
  const { small, large, resembles } = placement.sizeGroups;
  if (small !== null && large !== null) {
    lines.push(
      "",
      `Mean similarity to the open models of at most 14B: ${two(small)}; to those above 30B: ${two(large)}. ` +
        `${name} resembles the ${resembles === "small" ? "≤14B" : ">30B"} group more (the paper finds 0.83 within the small models, 0.88 within the large ones and 0.74 between them).`,
    );
  }

  lines.push(
    "",
    "## Error sensitivity (Table 4)",
    "",
    'P(p) of each "no … errors" property, mean over the 11 scenarios: above 50 % the judge prefers the response with fewer such errors.',
    "",
  );
  lines.push("| judge | no minor errors | no moderate errors | no severe errors |", "|---|---|---|---|");
  const errorRow = (label: string, row: { minor: number; moderate: number; severe: number } | null) => {
    if (row !== null) lines.push(`| ${label} | ${row.minor.toFixed(2)} | ${row.moderate.toFixed(2)} | ${row.severe.toFixed(2)} |`);
  };
  errorRow(`**${name}**`, placement.errorSensitivity.judge);
  errorRow("Human", placement.errorSensitivity.human);
  errorRow("GPT-4-Turbo", placement.errorSensitivity.gpt4Turbo);

  lines.push(
    "",
    "## Most and least preferred properties per group (Table 3)",
    "",
    "P(p) in %: the probability a response is preferred when it is better in that property alone.",
    "",
  );
  lines.push("| group | pairs | held-out accuracy | top 3 | bottom 3 |", "|---|---|---|---|---|");
  for (const group of placement.groups) {
    const accuracy = group.accuracy === null ? "–" : percent(100 * group.accuracy);
    lines.push(`| ${safeGroupLabel(group.group)} | ${group.rows} | ${accuracy} | ${properties(group.top)} | ${properties(group.bottom)} |`);
  }
  for (const skipped of placement.skipped) lines.push("", `${safeGroupLabel(skipped.group)} was not fitted: ${skipped.reason}.`);
  const warned = placement.groups.filter((group) => group.warnings.length > 0);
  if (warned.length > 0) {
    lines.push("", "Sampler warnings:", "");
    for (const group of warned) lines.push(`- ${safeGroupLabel(group.group)}: ${group.warnings.join("; ")}`);
  }

  if (placement.charts !== null) {
    lines.push(
      "",
      "## Charts",
      "",
      `![P(p) of every property in Communication for Human, GPT-4-Turbo and ${name}](${placement.charts.dissection})`,
      "",
      `![Similarity of the judges with ${name} added](${placement.charts.similarity})`,
    );
  }

  lines.push(
    "",
    "## How to read this",
    "",
    "- A judge's weights say how much each property sways its choice between two responses, all else equal; " +
      "P(p) turns a weight into the chance that the response better in that property wins (50 % = no effect).",
    "- Similarity compares what two judges reward, not how often they agree on pairs: two judges can weigh the " +
      "properties alike and still disagree on many close pairs.",
    "- With few pairs in a group (the query-specific cases are small), its top and bottom lists are noisy; " +
      "the held-out accuracy says how well the fitted weights predict labels they were not fitted on.",
    "",
  );
  return lines.join("\n");
}
