/**
 * What a paper figure can show from a weight set that may be partial. With all 33 judges × 16
 * groups (the released weights, a full refit) every figure is drawn exactly as before. With a
 * partial refit each figure draws the judges and groups it can, and says so in its source line;
 * a figure that would be meaningless (a size-group mean over fewer than two models per group, an
 * alignment plot without a single fitted base/aligned pair) is skipped with a reason instead.
 */
import { judgeById, sizeGroup, type WeightSet } from "@prefdissect/data";
import type { FigureDefinition } from "../figure.js";
import { judgeLabel } from "../labels.js";
import { communicationDissectionRows, FIG01_GROUP, FIG01_JUDGES } from "../figures/fig01-communication-dissection.js";
import { topBottomPropertyRows, TABLE03_JUDGES } from "../figures/table03-top-bottom-properties.js";
import { errorSensitivityRows } from "../figures/table04-error-sensitivity.js";
import { similarityCellRows } from "../figures/fig-similarity-heatmap.js";
import { sizeGroupSimilarityRows } from "../figures/fig-size-group-similarity.js";
import { alignmentSimilarityRows } from "../figures/fig06-alignment-similarity.js";
import { coverageCounts, coverageSentence, judgesCovering, weightCoverage, type WeightCoverage } from "./weight-coverage.js";

/** A figure to draw (with the source line to print) or a figure to skip (with the reason). */
export type PaperFigurePlan<Row extends object> =
  | { readonly kind: "draw"; readonly rows: Row[]; readonly sourceLabel: string; readonly partial: boolean }
  | { readonly kind: "skip"; readonly reason: string };

type PartialRows = (weights: WeightSet, coverage: WeightCoverage) => object[] | string;

const names = (ids: readonly string[]) => ids.map(judgeLabel).join(", ");

/** Per figure: rows from the fitted judges, or the reason nothing meaningful can be drawn. */
const PARTIAL_ROWS: Readonly<Record<string, PartialRows>> = {
  "fig01-communication-dissection": (weights) => {
    const judges = judgesCovering(weights, [FIG01_GROUP], FIG01_JUDGES);
    return judges.length > 0 ? communicationDissectionRows(weights, judges) : `none of ${names(FIG01_JUDGES)} was fitted in ${FIG01_GROUP}`;
  },
  "table03-top-bottom-properties": (weights, coverage) => {
    const judges = TABLE03_JUDGES.filter((judge) => coverage.groups.some((group) => weights.get(group)!.has(judge)));
    const groups = coverage.groups.filter((group) => judges.every((judge) => weights.get(group)!.has(judge)));
    return judges.length > 0 && groups.length > 0 ? topBottomPropertyRows(weights, judges, groups) : `neither ${names(TABLE03_JUDGES)} was fitted`;
  },
  "table04-error-sensitivity": (weights, coverage) =>
    coverage.scenarioJudges.length > 0 ? errorSensitivityRows(weights, coverage.scenarioJudges) : "no judge was fitted in all 11 scenarios",
  "fig-similarity-heatmap": (weights, coverage) =>
    coverage.scenarioJudges.length >= 2 ? similarityCellRows(weights, coverage.scenarioJudges) : "fewer than two judges were fitted in all 11 scenarios",
  "fig-size-group-similarity": (weights, coverage) => {
    const small = coverage.scenarioJudges.filter((id) => sizeGroup(judgeById(id)) === "small");
    const large = coverage.scenarioJudges.filter((id) => sizeGroup(judgeById(id)) === "large");
    if (small.length < 2 || large.length < 2) {
      return `a size-group mean needs at least two fitted open models of ≤14B and two of >30B (this refit has ${small.length} and ${large.length})`;
    }
    return sizeGroupSimilarityRows(weights, [...small, ...large]);
  },
  "fig06-alignment-similarity": (weights, coverage) => {
    const rows = alignmentSimilarityRows(weights, coverage.scenarioJudges);
    return rows.length > 0 ? rows : "no pretrained base model was fitted together with one of its aligned versions";
  },
};

/**
 * Decides how to draw a paper figure from `weights`: the figure's own rows when the set is
 * complete (so released figures stay byte-identical), the fitted subset with a "partial refit"
 * source line otherwise, or a skip with a reason.
 */
export function planPaperFigure<Row extends object>(figure: FigureDefinition<WeightSet, Row>, weights: WeightSet, sourceLabel: string): PaperFigurePlan<Row> {
  const coverage = weightCoverage(weights);
  if (coverage.complete) return { kind: "draw", rows: figure.rows(weights), sourceLabel, partial: false };
  const partial = PARTIAL_ROWS[figure.name];
  if (partial === undefined) return { kind: "skip", reason: `${figure.name} needs all 33 judges in all 16 groups and has no partial form` };
  const rows = partial(weights, coverage);
  if (typeof rows === "string") return { kind: "skip", reason: `${figure.name} skipped: ${rows} (${coverageCounts(coverage)})` };
  return { kind: "draw", rows: rows as Row[], sourceLabel: `${sourceLabel}. ${coverageSentence(coverage)}`, partial: true };
}
