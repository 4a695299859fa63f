/**
 * `pd report` and `pd verify`: recompute the paper's headline claims from the weights, print the
 * claims table, and write REPORT.md beside the figures. `verify` also exits non-zero when a claim
 * fails, which is what CI relies on.
 */
import { existsSync, readdirSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { PrefDissectError } from "@prefdissect/shared";
import { loadManifest, loadWeights, repoRoot } from "@prefdissect/data/node";
import { evaluateClaims, formatClaimsTable, renderReport, type Claim, type ReportFigure } from "@prefdissect/report";

interface ReportOptions {
  weights: string;
  weightsDir?: string;
  figures: string;
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
        title: titleOf(name),
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
  const ws = await loadWeights({ source, ...(options.weightsDir ? { dir: options.weightsDir } : {}) });
  const claims = evaluateClaims(ws);
  const commit = loadManifest().source.commit.slice(0, 7);
  const sourceText =
    source === "released"
      ? `the authors' released weights (GAIR-NLP/Preference-Dissection @ ${commit})`
      : `our refit (${options.weightsDir ?? "data/derived/refit/weights"})`;
  const figuresDir = resolve(options.figures);
  await mkdir(figuresDir, { recursive: true });
  const markdown = renderReport({ claims, figures: figuresIn(figuresDir), source: sourceText });
  const target = join(figuresDir, "REPORT.md");
  await writeFile(`${target}.tmp`, markdown);
  await rename(`${target}.tmp`, target);
  process.stdout.write(formatClaimsTable(claims) + "\n");
  const failed = claims.filter((c) => c.status === "fail").length;
  const passed = claims.filter((c) => c.status === "pass").length;
  process.stdout.write(`\nclaims: ${passed} pass, ${failed} fail, ${claims.length - passed - failed} not checked; wrote ${target}\n`);
  return claims;
}

function addOptions(command: Command): Command {
  return command
    .option("--weights <source>", 'weights to check: "released" or "refit"', process.env.PD_WEIGHTS ?? "released")
    .option("--weights-dir <dir>", "folder of refit weights (default data/derived/refit/weights)")
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
