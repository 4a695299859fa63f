/**
 * The one helper the notebooks call, so their cells hold the analysis and nothing else. It
 *
 * - loads what a notebook analyses (regression weights, a dataset, or a refit's intervals) and
 *   says where it came from;
 * - keeps a figure to what the weights hold: `judgesFitted` drops judges a partial refit did not
 *   fit (naming them), the source line then says the refit is partial, and `draw` with no rows
 *   skips the figure with the reason and removes its files from an earlier run;
 * - shows tables (arquero) and figures inline, and writes figure files where `pd figures` asks
 *   (`PD_FIGURES_DIR`), or, in an interactive run, into a scratch folder, so exploring never
 *   overwrites `figures/`;
 * - takes parameters as arguments, never as object shorthand, because tslab loses shorthand
 *   properties (`{ judges }`) that name an earlier cell's variable.
 */
import { from, type ColumnTable } from "arquero";
import { addedJudgeIds, checkGroupIds, checkJudgeIds, type WeightSet } from "@prefdissect/data";
import {
  coverageCounts,
  coverageSentence,
  describeSource,
  judgesCovering,
  weightCoverage,
  type FigureDefinition,
  type StrengthRun,
  type WeightCoverage,
} from "@prefdissect/figures";
import { removeFigureFiles, writeFigureFiles } from "@prefdissect/figures/node";
import type { RefitIntervals } from "@prefdissect/refit";
import { evaluateClaims } from "@prefdissect/report";
import { loadFigureDataset, loadRefitIntervals, type FigureDataset } from "../inputs/dataset.js";
import { loadJudgeRuns } from "../inputs/judge-runs.js";
import { EXTRA_JUDGES_ENV, loadFigureWeights, parseExtraJudges, SYNTHETIC_REFIT_NOTE } from "../inputs/weights.js";

/** The part of tslab's `display` the helper uses (`import * as tslab from "tslab"; tslab.display`). */
export interface NotebookDisplay {
  html(html: string): void;
  png(bytes: Uint8Array): void;
}

/** Where an interactive run writes figures: never `figures/`, which only `pd figures` writes. */
export const SCRATCH_FIGURES_DIR = "reports/scratch/figures";

/** How many rows `show` prints unless told otherwise. */
const SHOWN_ROWS = 12;

/** The output folder: `PD_FIGURES_DIR` when `pd figures` runs the notebook, else the scratch folder. */
export function notebookFiguresDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.PD_FIGURES_DIR?.trim() || SCRATCH_FIGURES_DIR;
}

/** Showing tables and drawing figures: what every notebook does, whatever it analyses. */
export class NotebookAnalysis {
  constructor(
    /** The notebook's name, used in messages. */
    readonly notebook: string,
    /** Subtitle line of the figures: where the numbers come from. */
    readonly sourceLabel: string,
    /** True when the data is synthetic (figures then say so in their headline). */
    readonly synthetic: boolean,
    protected readonly display: NotebookDisplay,
    /** Where figure files are written. */
    readonly outDir: string = notebookFiguresDir(),
    protected readonly log: (line: string) => void = console.log,
    /** Weights the paper's claims are evaluated on, when the notebook has any. */
    private readonly claimWeights?: WeightSet,
  ) {}

  /**
   * Shows a table (or rows) inline: the first `limit` rows, numbers to three decimals, and how many
   * rows there are in all.
   */
  show(rows: ColumnTable | readonly object[], title?: string, limit: number = SHOWN_ROWS): void {
    const table = Array.isArray(rows) ? from(rows as object[]) : (rows as ColumnTable);
    const count = table.numRows();
    const caption = `${title ? `${escapeHtml(title)}: ` : ""}${count} row${count === 1 ? "" : "s"}${count > limit ? `, the first ${limit} shown` : ""}`;
    this.display.html(`<p><b>${caption}</b></p>${table.toHTML({ limit, maxdigits: 3 })}`);
  }

  /** Shows the paper's claims whose id starts with one of `prefixes`, the paper's value beside ours. */
  showClaims(...prefixes: string[]): void {
    if (this.claimWeights === undefined) throw new RangeError(`${this.notebook} has no weights to check the paper's claims on`);
    const claims = evaluateClaims(this.claimWeights).filter((claim) => prefixes.some((prefix) => claim.id.startsWith(prefix)));
    this.show(
      claims.map(({ claim, where, paper, reproduced, status }) => ({ claim, where, paper, ours: reproduced, status })),
      "The paper's numbers beside ours",
      claims.length,
    );
  }

  /** Why a figure is not drawn, for the skip message; weight analyses add what the weights hold. */
  protected skipDetail(): string {
    return "";
  }

  /**
   * Builds the figure's spec from `rows` (the library's spec builder), shows it inline and writes
   * its SVG, PNG and JSON into `outDir`. With no rows the figure is skipped: the reason is printed
   * and older files of the figure are removed, so a report never shows an image from another run.
   */
  async draw<Input, Row extends object>(figure: FigureDefinition<Input, Row>, rows: readonly Row[], skipReason = "nothing to draw"): Promise<void> {
    if (rows.length === 0) {
      await removeFigureFiles(figure.name, this.outDir);
      this.log(`${figure.name} skipped: ${skipReason}${this.skipDetail()}`);
      return;
    }
    const written = await writeFigureFiles(figure, rows, this.outDir, { sourceLabel: this.sourceLabel, synthetic: this.synthetic });
    this.display.png(written.png);
    this.log(`wrote ${written.svgPath}, ${written.pngPath}, ${written.jsonPath}`);
  }
}

/** A notebook on regression weights (the paper's figures). */
export class WeightsAnalysis extends NotebookAnalysis {
  readonly coverage: WeightCoverage;
  /** Judges added with `pd judge add` (`PD_EXTRA_JUDGES`) that the weights hold beside the 33; empty without any. */
  readonly addedJudges: readonly string[];

  constructor(
    notebook: string,
    readonly weights: WeightSet,
    sourceLabel: string,
    synthetic: boolean,
    display: NotebookDisplay,
    outDir?: string,
    log?: (line: string) => void,
  ) {
    const coverage = weightCoverage(weights);
    // A partial refit says so under every figure, so three judges never pass for the paper's 33.
    super(notebook, coverage.complete ? sourceLabel : `${sourceLabel}. ${coverageSentence(coverage)}`, synthetic, display, outDir, log, weights);
    this.coverage = coverage;
    this.addedJudges = addedJudgeIds(weights);
  }

  /**
   * The judges among `judges` (in that order) with weights in every group of `groups`; names
   * those left out. An unknown judge or group is an error that lists the valid names (the 33 and
   * any added judge).
   */
  judgesFitted(judges: readonly string[], groups: readonly string[]): string[] {
    checkJudgeIds(judges, "judges", this.addedJudges);
    checkGroupIds(groups, "group");
    const fitted = judgesCovering(this.weights, groups, judges);
    const missing = judges.filter((judge) => !fitted.includes(judge));
    if (missing.length > 0) {
      const where = groups.length === 1 ? `in ${groups[0]}` : `in all ${groups.length} groups asked for`;
      const names =
        missing.length <= 5 ? missing.join(", ") : `${missing.length} of the ${judges.length} judges asked for (${missing.slice(0, 3).join(", ")}, …)`;
      this.log(`left out, no weights ${where}: ${names}`);
    }
    return fitted;
  }

  protected override skipDetail(): string {
    return ` (${coverageCounts(this.coverage)})`;
  }
}

/** A notebook on an annotated dataset (the dataset statistics). */
export class DatasetAnalysis extends NotebookAnalysis {
  constructor(
    notebook: string,
    readonly dataset: FigureDataset,
    display: NotebookDisplay,
    outDir?: string,
    log?: (line: string) => void,
  ) {
    super(notebook, dataset.sourceLabel, dataset.synthetic, display, outDir, log);
  }
}

/** A notebook on a refit's intervals, with the refit's posterior-mean weights. */
export class RefitAnalysis extends NotebookAnalysis {
  constructor(
    notebook: string,
    readonly intervals: RefitIntervals,
    readonly weights: WeightSet,
    display: NotebookDisplay,
    outDir?: string,
    log?: (line: string) => void,
  ) {
    super(notebook, describeSource("refit") + (intervals.synthetic ? SYNTHETIC_REFIT_NOTE : ""), intervals.synthetic, display, outDir, log, weights);
  }
}

/** A notebook on judges collected with `pd judge collect` (the strength of preference). */
export class JudgeRunsAnalysis extends NotebookAnalysis {
  constructor(
    notebook: string,
    readonly runs: readonly StrengthRun[],
    sourceLabel: string,
    synthetic: boolean,
    display: NotebookDisplay,
    outDir?: string,
    log?: (line: string) => void,
  ) {
    super(notebook, sourceLabel, synthetic, display, outDir, log);
  }
}

/**
 * What a notebook analyses: a `PD_WEIGHTS` setting, a `PD_DATA` dataset, a `pd refit` output
 * folder, or `pd judge collect` runs (a `PD_JUDGE_RUNS` setting).
 */
export type AnalysisInput = { readonly weights: string } | { readonly dataset: string } | { readonly refit: string } | { readonly judgeRuns: string };

/**
 * Loads what a notebook analyses and returns the helper for its cells; prints the source line
 * and where figures go.
 * @example const analysis = await openAnalysis("fig01-communication-dissection", tslab.display, { weights: "released" });
 */
export async function openAnalysis(notebook: string, display: NotebookDisplay, input: { readonly weights: string }): Promise<WeightsAnalysis>;
export async function openAnalysis(notebook: string, display: NotebookDisplay, input: { readonly dataset: string }): Promise<DatasetAnalysis>;
export async function openAnalysis(notebook: string, display: NotebookDisplay, input: { readonly refit: string }): Promise<RefitAnalysis>;
export async function openAnalysis(notebook: string, display: NotebookDisplay, input: { readonly judgeRuns: string }): Promise<JudgeRunsAnalysis>;
export async function openAnalysis(notebook: string, display: NotebookDisplay, input: AnalysisInput): Promise<NotebookAnalysis> {
  let analysis: NotebookAnalysis;
  if ("weights" in input) {
    const loaded = await loadFigureWeights(input.weights, parseExtraJudges(process.env[EXTRA_JUDGES_ENV]));
    analysis = new WeightsAnalysis(notebook, loaded.weights, loaded.sourceLabel, loaded.synthetic, display);
  } else if ("dataset" in input) {
    analysis = new DatasetAnalysis(notebook, await loadFigureDataset(input.dataset), display);
  } else if ("judgeRuns" in input) {
    const loaded = await loadJudgeRuns(input.judgeRuns);
    analysis = new JudgeRunsAnalysis(notebook, loaded.runs, loaded.sourceLabel, loaded.synthetic, display);
  } else {
    const intervals = await loadRefitIntervals(input.refit);
    const { weights } = await loadFigureWeights(`refit:${input.refit}/weights`);
    analysis = new RefitAnalysis(notebook, intervals, weights, display);
  }
  console.log(analysis.sourceLabel);
  console.log(`figures go to ${analysis.outDir}/${analysis.outDir === SCRATCH_FIGURES_DIR ? " (an interactive run; `make figures` writes figures/)" : ""}`);
  return analysis;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
