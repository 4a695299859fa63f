/**
 * `pd report` and `pd verify`: recompute the paper's headline claims from the weights, print the
 * claims table, and write REPORT.md beside the figures. `verify` also exits non-zero when a claim
 * fails, which is what CI relies on.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { PrefDissectError } from "@prefdissect/shared";
import type { WeightSet } from "@prefdissect/data";
import { loadManifest, loadReleasedWeights, loadWeights, refitDir, repoRoot, writeFileAtomic } from "@prefdissect/data/node";
import { FIGURES, INPUT_FIGURES } from "@prefdissect/figures";
import { compareWeightSets, recoveryOf, refitReportSection } from "@prefdissect/refit";
import { readRefitSummary } from "@prefdissect/refit/node";
import { evaluateClaims, formatClaimsTable, renderReport, type Claim, type RefitEvidence, type ReportFigure } from "@prefdissect/report";

interface ReportOptions {
  weights: string;
  refitDir: string;
  figures: string;
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
        title: [...FIGURES, ...INPUT_FIGURES].find((figure) => figure.name === name)?.description ?? titleOf(name),
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

async function writeReport(options: ReportOptions): Promise<Claim[]> {
  const source = options.weights;
  const refitDir = resolve(options.refitDir);
  const ws = await loadWeights({ source, dir: join(refitDir, "weights") });
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
  const figuresDir = resolve(options.figures);
  const markdown = renderReport({ claims, figures: figuresIn(figuresDir), source: sourceText, sections: extras ? [extras.section] : [] });
  const target = join(figuresDir, "REPORT.md");
  await writeFileAtomic(target, markdown);
  process.stdout.write(formatClaimsTable(claims) + "\n");
  const failed = claims.filter((c) => c.status === "fail").length;
  const passed = claims.filter((c) => c.status === "pass").length;
  process.stdout.write(`\nclaims: ${passed} pass, ${failed} fail, ${claims.length - passed - failed} not checked; wrote ${target}\n`);
  return claims;
}

function addOptions(command: Command): Command {
  return command
    .option("--weights <source>", 'weights to check: "released" or "refit"', process.env.PD_WEIGHTS ?? "released")
    .option("--refit-dir <dir>", "output folder of `pd refit` (weights/, summary.json)", refitDir())
    .option("--figures <dir>", "figures folder; REPORT.md is written there", join(repoRoot(), "figures"));
}

export function register(program: Command): void {
  addOptions(
    program
      .command("report")
      .description("Recompute the paper's headline claims, print them and write figures/REPORT.md with the figures embedded."),
  ).action(async (options: ReportOptions) => {
    await writeReport(options);
  });

  addOptions(
    program
      .command("verify")
      .description("Like `report`, but exit non-zero when any claim fails (the reproduction check CI runs)."),
  ).action(async (options: ReportOptions) => {
    const claims = await writeReport(options);
    const failed = claims.filter((c) => c.status === "fail");
    if (failed.length > 0) {
      throw new PrefDissectError("claims-failed", `${failed.length} claim(s) failed: ${failed.map((c) => c.id).join(", ")}`);
    }
  });
}
