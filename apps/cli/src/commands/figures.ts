/**
 * `pd figures`: executes the figure notebooks headlessly with Jupyter (the same path `make
 * figures` takes), each writing its SVG, PNG and JSON into the figures folder.
 */
import { Command, Option } from "commander";
import { PrefDissectError } from "@prefdissect/shared";
import { repoRoot } from "@prefdissect/data/node";
import { DEFAULT_EXECUTED_DIR, DEFAULT_FIGURES_DIR, runNotebooks } from "@prefdissect/figures/node";

interface FiguresFlags {
  notebook: string[];
  outDir: string;
  executedDir: string;
  weights?: string;
  timeout: string;
}

export function register(program: Command): void {
  program
    .command("figures")
    .description(
      "Execute the figure notebooks in notebooks/ with Jupyter and the repository's tslab kernel. Each writes " +
        "<name>.svg, .png and .json into the figures folder; executed copies (with outputs) go to a scratch folder. " +
        "Needs Jupyter nbconvert and the registered kernel (`make jupyter kernel`); data is fetched on demand (PD_MIRROR is honoured).",
    )
    .option("-n, --notebook <name>", "run only this notebook (name with or without .ipynb); repeat for more", collect, [])
    .option("-o, --out-dir <dir>", "folder the notebooks write figures into (PD_FIGURES_DIR)", DEFAULT_FIGURES_DIR)
    .option("--executed-dir <dir>", "folder for the executed notebook copies", DEFAULT_EXECUTED_DIR)
    .addOption(
      new Option("-w, --weights <source>", 'regression weights to plot: "released", "refit" or "refit:<folder>"').env("PD_WEIGHTS"),
    )
    .option("--timeout <seconds>", "per-cell timeout", "600")
    .action(async (flags: FiguresFlags) => {
      const timeoutSeconds = Number(flags.timeout);
      if (!Number.isInteger(timeoutSeconds) || timeoutSeconds <= 0) {
        throw new PrefDissectError("bad-flag", `--timeout must be a positive whole number of seconds, got "${flags.timeout}"`, { field: "--timeout" });
      }
      const root = repoRoot();
      const started = Date.now();
      const executed = await runNotebooks({
        root,
        names: flags.notebook,
        outDir: flags.outDir,
        executedDir: flags.executedDir,
        ...(flags.weights !== undefined ? { weights: flags.weights } : {}),
        timeoutSeconds,
        // One line per notebook: runs take seconds each, so a bar would add nothing.
        onNotebook: ({ name, phase, seconds }) => {
          process.stderr.write(phase === "start" ? `pd figures: running ${name}\n` : `pd figures: ${name} done in ${seconds?.toFixed(1)} s\n`);
        },
      });
      process.stdout.write(`pd figures: ${executed.length} notebook(s) executed in ${((Date.now() - started) / 1000).toFixed(1)} s; figures in ${flags.outDir}/\n`);
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
