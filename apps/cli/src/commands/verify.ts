/**
 * `pd report` and `pd verify`: recompute the paper's headline claims from the weights, print the
 * claims table, and write REPORT.md beside the figures (the pipeline's last step). `verify` also
 * exits non-zero when a claim fails, which is what CI relies on.
 */
import { join } from "node:path";
import { Option, type Command } from "commander";
import { PrefDissectError } from "@prefdissect/shared";
import { refitDir, repoRoot } from "@prefdissect/data/node";
import { EXTRA_JUDGES_ENV, parseExtraJudges, writeReport } from "@prefdissect/pipeline/node";
import { formatClaimsTable, type Claim } from "@prefdissect/report";

interface ReportFlags {
  weights: string;
  refitDir: string;
  figures: string;
  extraJudges?: string;
}

/** Writes REPORT.md through the pipeline, then prints the claims and a one-line summary. */
async function report(flags: ReportFlags): Promise<Claim[]> {
  const { claims, path } = await writeReport({
    weights: flags.weights,
    refitDir: flags.refitDir,
    figuresDir: flags.figures,
    extraJudges: parseExtraJudges(flags.extraJudges),
  });
  process.stdout.write(formatClaimsTable(claims) + "\n");
  const failed = claims.filter((c) => c.status === "fail").length;
  const passed = claims.filter((c) => c.status === "pass").length;
  process.stdout.write(`\nclaims: ${passed} pass, ${failed} fail, ${claims.length - passed - failed} not checked; wrote ${path}\n`);
  return claims;
}

function addOptions(command: Command): Command {
  return command
    .option("--weights <source>", 'weights to check: "released" or "refit"', process.env.PD_WEIGHTS ?? "released")
    .option("--refit-dir <dir>", "output folder of `pd refit` (weights/, summary.json)", refitDir())
    .option("--figures <dir>", "figures folder; REPORT.md is written there", join(repoRoot(), "figures"))
    .addOption(
      new Option("--extra-judges <dirs>", "comma-separated `pd judge add` output folders: a section places their judges among the 33").env(EXTRA_JUDGES_ENV),
    );
}

export function register(program: Command): void {
  addOptions(
    program.command("report").description("Recompute the paper's headline claims, print them and write figures/REPORT.md with the figures embedded."),
  ).action(async (flags: ReportFlags) => {
    await report(flags);
  });

  addOptions(program.command("verify").description("Like `report`, but exit non-zero when any claim fails (the reproduction check CI runs).")).action(
    async (flags: ReportFlags) => {
      const claims = await report(flags);
      const failed = claims.filter((c) => c.status === "fail");
      if (failed.length > 0) {
        throw new PrefDissectError("claims-failed", `${failed.length} claim(s) failed: ${failed.map((c) => c.id).join(", ")}`);
      }
    },
  );
}
