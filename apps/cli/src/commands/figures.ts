/**
 * `pd figures`: executes the figure notebooks headlessly with Jupyter (the same path `make
 * figures` takes), each writing its SVG, PNG and JSON into the figures folder.
 */
import { Command, Option } from "commander";
import { repoRoot } from "@prefdissect/data/node";
import { join } from "node:path";
import {
  DEFAULT_EXECUTED_DIR,
  DEFAULT_FIGURES_DIR,
  EXTRA_JUDGES_ENV,
  JUDGE_RUNS_ENV,
  defaultNotebookSelection,
  listNotebooks,
  runNotebooks,
} from "@prefdissect/pipeline/node";
import { wholeNumber } from "../flags.js";

interface FiguresFlags {
  notebook: string[];
  outDir: string;
  executedDir: string;
  weights?: string;
  data?: string;
  refitDir?: string;
  extraJudges?: string;
  judgeRuns?: string;
  timeout: string;
}

export function register(program: Command): void {
  program
    .command("figures")
    .description(
      "Execute the figure notebooks in notebooks/ with Jupyter and the repository's tslab kernel. Each writes " +
        "<name>.svg, .png and .json into the figures folder; executed copies (with outputs) go to a scratch folder. " +
        "Needs Jupyter nbconvert and the registered kernel (`make jupyter kernel`); data is fetched on demand (PD_MIRROR is honoured). " +
        "Without --notebook it runs the paper notebooks, plus refit-uncertainty when the weights are a refit, data-statistics when --data is given " +
        "and fig06-preference-strength when --judge-runs is given.",
    )
    .option("-n, --notebook <name>", "run only this notebook (name with or without .ipynb); repeat for more", collect, [])
    .option("-o, --out-dir <dir>", "folder the notebooks write figures into (PD_FIGURES_DIR)", DEFAULT_FIGURES_DIR)
    .option("--executed-dir <dir>", "folder for the executed notebook copies", DEFAULT_EXECUTED_DIR)
    .addOption(new Option("-w, --weights <source>", 'regression weights to plot: "released", "refit" or "refit:<folder>"').env("PD_WEIGHTS"))
    .addOption(
      new Option(
        "-d, --data <file|hf>",
        "annotated dataset for the data-statistics notebook and the pairs fig07-gameability averages over (a file, or hf for the Hugging Face dataset)",
      ).env("PD_DATA"),
    )
    .addOption(new Option("--refit-dir <dir>", "output folder of `pd refit` read by the refit-uncertainty notebook").env("PD_REFIT_DIR"))
    .addOption(
      new Option(
        "--extra-judges <dirs>",
        "comma-separated `pd judge add` output folders: their judges are drawn beside the 33 (Figure 1, Tables 3 and 4, the heatmap)",
      ).env(EXTRA_JUDGES_ENV),
    )
    .addOption(
      new Option("--judge-runs <runs>", "pd judge collect runs for fig06-preference-strength: comma-separated <collect-out>[=<add-out>]").env(JUDGE_RUNS_ENV),
    )
    .option("--timeout <seconds>", "per-cell timeout", "600")
    .action(async (flags: FiguresFlags) => {
      const timeoutSeconds = wholeNumber("timeout", flags.timeout, 1);
      const root = repoRoot();
      // The kernel inherits this process's environment: that is how the notebooks get their inputs.
      if (flags.data !== undefined) process.env.PD_DATA = flags.data;
      if (flags.refitDir !== undefined) process.env.PD_REFIT_DIR = flags.refitDir;
      if (flags.extraJudges !== undefined) process.env[EXTRA_JUDGES_ENV] = flags.extraJudges;
      if (flags.judgeRuns !== undefined) process.env[JUDGE_RUNS_ENV] = flags.judgeRuns;
      let names = flags.notebook;
      if (names.length === 0) {
        const selection = defaultNotebookSelection(listNotebooks(join(root, "notebooks")), {
          weights: flags.weights,
          data: flags.data,
          judgeRuns: flags.judgeRuns,
        });
        for (const { name, needs } of selection.skipped) {
          const hint =
            needs === "dataset"
              ? "a dataset (--data or PD_DATA)"
              : needs === "refit"
                ? "refit weights (--weights refit)"
                : "pd judge collect runs (--judge-runs or PD_JUDGE_RUNS; make figures makes them)";
          process.stderr.write(`pd figures: not running ${name}: it needs ${hint}\n`);
        }
        names = selection.run;
      }
      const started = Date.now();
      const executed = await runNotebooks({
        root,
        names,
        outDir: flags.outDir,
        executedDir: flags.executedDir,
        ...(flags.weights !== undefined ? { weights: flags.weights } : {}),
        timeoutSeconds,
        // One line per notebook: runs take seconds each, so a bar would add nothing.
        onNotebook: ({ name, phase, seconds }) => {
          process.stderr.write(phase === "start" ? `pd figures: running ${name}\n` : `pd figures: ${name} done in ${seconds?.toFixed(1)} s\n`);
        },
      });
      process.stdout.write(
        `pd figures: ${executed.length} notebook(s) executed in ${((Date.now() - started) / 1000).toFixed(1)} s; figures in ${flags.outDir}/\n`,
      );
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
