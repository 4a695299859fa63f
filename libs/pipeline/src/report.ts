/**
 * The last step of the pipeline: recompute the paper's claims from the weights (released or a
 * refit, with the refit's own evidence and sections) and write REPORT.md beside the figures.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { JUDGE_IDS, SCENARIO_IDS, judgeById, withAddedJudges, type WeightSet } from "@prefdissect/data";
import { loadManifest, loadReleasedWeights, loadWeights, readAddedJudges, repoRoot, writeFileAtomic } from "@prefdissect/data/node";
import { FIGURES, judgesCovering } from "@prefdissect/figures";
import { judgeProfile } from "@prefdissect/similarity";
import { compareWeightSets, recoveryOf, refitReportSection } from "@prefdissect/refit";
import { readRefitSummary } from "@prefdissect/refit/node";
import { evaluateClaims, renderReport, type Claim, type RefitEvidence, type ReportFigure } from "@prefdissect/report";

export interface ReportOptions {
  /** `released` or `refit`. */
  readonly weights: string;
  /** Output folder of `pd refit` (weights/, summary.json); read when `weights` is `refit`. */
  readonly refitDir: string;
  /** Figures folder: its PNGs are embedded and REPORT.md is written there. */
  readonly figuresDir: string;
  /** `pd judge add` output folders: their judges get a section placing them among the 33. */
  readonly extraJudges?: readonly string[];
}

export interface WrittenReport {
  readonly claims: Claim[];
  /** Path of the REPORT.md written. */
  readonly path: string;
}

/** The claims, sections and source line a refit adds to the report. */
async function refitExtras(ws: WeightSet, refitDir: string): Promise<{ evidence: RefitEvidence; section: string; recovery?: Claim }> {
  const summary = await readRefitSummary(refitDir);
  const released = await loadReleasedWeights();
  const comparison = compareWeightSets(ws, released);
  const recovery = summary.source.synthetic ? recoveryOf(comparison) : undefined;
  return {
    evidence: { accuracy: summary.accuracy, synthetic: summary.source.synthetic },
    section: refitReportSection(summary, comparison),
    ...(recovery
      ? {
          recovery: {
            id: "refit-recovery",
            claim: "A refit on synthetic data recovers the generating weights (median Pearson, scenario fits)",
            where: "method check (not a paper claim)",
            paper: `≥ ${recovery.threshold}`,
            reproduced: `${recovery.medianPearson.toFixed(3)} over ${recovery.fits} fits`,
            tolerance: "threshold",
            status: recovery.recovered ? "pass" : "fail",
          },
        }
      : {}),
  };
}

/**
 * Where each added judge sits among the judges of `ws` (the 33): its most and least similar
 * judges and the size group it resembles, as `pd judge add` reports them. The claims are not
 * touched: they are about the paper's judges.
 */
function addedJudgesSection(ws: WeightSet, added: WeightSet, folders: readonly string[]): string {
  const others = judgesCovering(ws, SCENARIO_IDS, JUDGE_IDS);
  const name = (judge: string) => (JUDGE_IDS.includes(judge) ? judgeById(judge).displayName : judge);
  const listed = (entries: readonly { judge: string; similarity: number }[]) =>
    entries.map((entry) => `${name(entry.judge)} ${entry.similarity.toFixed(2)}`).join(", ");
  const lines = [
    "## Added judges",
    "",
    `Judges added with \`pd judge add\` (${folders.map((folder) => `\`${relative(repoRoot(), resolve(folder)) || "."}\``).join(", ")}), placed among the ${others.length} judges above by their similarity (the mean over the 11 scenarios of the Pearson correlation of the weights). The claims above are about the paper's judges only.`,
    "",
    "| judge | most similar | least similar | mean similarity to ≤14B / >30B | resembles |",
    "|---|---|---|---|---|",
  ];
  const addedIds = [...new Set([...added.values()].flatMap((judges) => [...judges.keys()]))];
  for (const judge of addedIds) {
    if (!SCENARIO_IDS.every((scenario) => added.get(scenario)?.has(judge))) {
      lines.push(`| ${judge} | — | — | — | no weights in every scenario |`);
      continue;
    }
    const profile = judgeProfile(withAddedJudges(ws, added), judge, { others });
    const { small, large, resembles } = profile.sizeGroups;
    lines.push(
      `| ${judge} | ${listed(profile.mostSimilar)} | ${listed(profile.leastSimilar)} | ${small.toFixed(2)} / ${large.toFixed(2)} | ${resembles === "small" ? "the ≤14B models" : "the >30B models"} |`,
    );
  }
  return lines.join("\n");
}

/** PNG figures present in `dir`, in name order, with a readable title. */
function figuresIn(dir: string): ReportFigure[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".png"))
    .sort()
    .map((file) => {
      const name = file.slice(0, -".png".length);
      const notebook = join("notebooks", `${name}.ipynb`);
      return {
        name,
        title: FIGURES.find((figure) => figure.name === name)?.description ?? titleOf(name),
        ...(existsSync(join(repoRoot(), notebook)) ? { notebook } : {}),
      };
    });
}

function titleOf(name: string): string {
  const match = /^(fig|table)(\d+)?-?(.*)$/.exec(name);
  if (!match) return name;
  const [, kind, number, rest] = match;
  const words = (rest ?? "").replace(/-/g, " ");
  const label = kind === "fig" ? "Figure" : "Table";
  return number ? `${label} ${Number(number)}: ${words}` : `${label}: ${words}`;
}

/** Evaluates every claim on the chosen weights and writes `<figuresDir>/REPORT.md`. */
export async function writeReport(options: ReportOptions): Promise<WrittenReport> {
  const source = options.weights;
  const refitDir = resolve(options.refitDir);
  const ws = await loadWeights({ source, dir: join(refitDir, "weights") });
  const extraJudges = options.extraJudges ?? [];
  const added = extraJudges.length > 0 ? addedJudgesSection(ws, await readAddedJudges(extraJudges), extraJudges) : undefined;
  const extras = source === "refit" ? await refitExtras(ws, refitDir) : undefined;
  let claims = evaluateClaims(ws, undefined, extras?.evidence);
  if (extras?.evidence.synthetic) {
    // Synthetic labels test the pipeline, not the paper: show the values, judge only the recovery.
    claims = claims.map((c) =>
      c.status === "not checked" ? c : { ...c, status: "not checked", reproduced: `${c.reproduced} (synthetic; would ${c.status})` },
    );
  }
  if (extras?.recovery) claims.push(extras.recovery);
  const commit = loadManifest().source.commit.slice(0, 7);
  const sourceText =
    source === "released"
      ? `the authors' released weights (GAIR-NLP/Preference-Dissection @ ${commit})`
      : `our refit (${relative(repoRoot(), refitDir) || "."})${extras?.evidence.synthetic ? " on SYNTHETIC data" : ""}`;
  const figuresDir = resolve(options.figuresDir);
  const markdown = renderReport({
    claims,
    figures: figuresIn(figuresDir),
    source: sourceText,
    sections: [...(extras ? [extras.section] : []), ...(added ? [added] : [])],
  });
  const path = join(figuresDir, "REPORT.md");
  await writeFileAtomic(path, markdown);
  return { claims, path };
}
