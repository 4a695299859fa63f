/**
 * `pd judge add`: fit a new judge from its labels on a dataset, write its weights in the released
 * layout and report where it sits among the paper's 33. See docs/judges.md.
 */
import { Option, type Command } from "commander";
import { type DatasetFormat } from "@prefdissect/data";
import { loadFeatureDataset } from "@prefdissect/data/node";
import { addJudge } from "@prefdissect/judges/node";
import { loadFigureWeights } from "@prefdissect/pipeline/node";
import { PAPER_JUDGE_FIT, type JudgeFitSettings } from "@prefdissect/refit";
import { poolJudgeFitRunner } from "@prefdissect/refit/node";
import { createFitPool } from "@prefdissect/regression/node";
import { addFitFlags, resolveFitFlags, type FitFlags } from "../fit-flags.js";
import { positiveNumber, wholeNumber } from "../flags.js";
import { createProgress } from "../progress.js";

interface AddFlags extends FitFlags {
  data: string;
  format?: DatasetFormat;
  groupIndex?: string;
  labels: string;
  name: string;
  size?: string;
  fast?: boolean;
  folds: string;
  seed: string;
  weights: string;
  workers?: string;
  out: string;
}

export function registerAdd(judge: Command): void {
  const d = PAPER_JUDGE_FIT;
  const command = judge
    .command("add")
    .description(
      "Fit a new judge from its labels on an annotated dataset (all 16 groups; the paper's NUTS 10-fold procedure by default, --fast for the posterior mode), " +
        "write its weights in the released layout (<out>/weights, readable beside the 33 through --extra-judges / PD_EXTRA_JUDGES) and report where it sits " +
        "among the 33: placement.md, placement.json and two charts.",
    )
    .requiredOption(
      "--data <file|hf>",
      "the annotated dataset the labels are for: 'hf', a Parquet file in the HF layout (e.g. from pd synth), a resolved JSONL, or our pairs JSONL/CSV",
    )
    .addOption(new Option("--format <format>", "force the dataset format").choices(["hf-parquet", "resolved-jsonl", "pairs-jsonl", "pairs-csv"]))
    .option("--group-index <file>", "group index file to check group membership against")
    .requiredOption("--labels <file>", 'the judge\'s labels: a JSON array of "A"/"B", one per pair in dataset order (what pd judge collect writes)')
    .requiredOption("--name <id>", "the new judge's id: letters, digits, '.', '_' or '-', not one of the 33")
    .option("--size <billions>", "parameters in billions: orders the judge among the open models in the heatmap");
  addFitFlags(command)
    .option("--fast", "short for --method mode: the exact posterior mode instead of NUTS (seconds instead of minutes; no intervals)")
    .option("--folds <k>", "folds to average over (1: one fit on all rows, no held-out accuracy)", String(d.folds))
    .option("--seed <n>", "seed of the fold permutation and the chains", String(d.seed))
    .option("--weights <source>", "the judges to place it among: 'released' or a folder in the released layout", "released")
    .option("--workers <n>", "worker threads for NUTS (default: one per core)")
    .requiredOption("--out <dir>", "output folder: weights/, placement.md, placement.json, placement-*.svg|png|json")
    .addHelpText(
      "after",
      `
Examples:
  pd judge add --data runs/synth.parquet --labels runs/judge/labels.json --name my-judge --fast --out runs/my-judge
  pd judge add --data hf --labels runs/llama-2-7b/labels.json --name llama-2-7b-again --size 7 --out runs/llama-2-7b-again`,
    )
    .action(async (flags: AddFlags) => {
      const fit = resolveFitFlags(command, flags, flags.fast ? [{ flag: "--fast", method: "mode", shorthand: true }] : []);
      const settings: Partial<JudgeFitSettings> = {
        method: fit.method,
        folds: wholeNumber("folds", flags.folds, 1),
        seed: wholeNumber("seed", flags.seed, 0),
        chains: fit.chains,
        warmup: fit.warmup,
        samples: fit.samples,
      };
      const sizeB = positiveNumber("size", flags.size);
      const dataset = await loadFeatureDataset({
        data: flags.data,
        ...(flags.format ? { format: flags.format } : {}),
        ...(flags.groupIndex ? { groupIndexFile: flags.groupIndex } : {}),
      });
      const released = flags.weights === "released";
      const compared = await loadFigureWeights(released ? "released" : `refit:${flags.weights}`);
      const pool = settings.method === "nuts" ? createFitPool(flags.workers ? { workers: wholeNumber("workers", flags.workers, 1) } : {}) : undefined;
      let progress: ReturnType<typeof createProgress> | undefined;
      try {
        const result = await addJudge({
          dataset,
          labelsFile: flags.labels,
          name: flags.name,
          ...(sizeB !== undefined ? { sizeB } : {}),
          settings,
          ...(pool !== undefined ? { runner: poolJudgeFitRunner(pool) } : {}),
          compareWith: {
            weights: compared.weights,
            description: released ? "the paper's 33 judges (the authors' released weights)" : `the judges in ${flags.weights}`,
            sourceLabel: compared.sourceLabel,
          },
          outDir: flags.out,
          onProgress: (p) => {
            progress ??= createProgress(`judge add: fitting ${flags.name}${settings.method === "mode" ? " (posterior mode)" : ""}`, p.total);
            progress.tick(1, `${p.group}, fold ${p.fold + 1}`);
          },
        });
        progress?.stop();
        process.stdout.write(result.markdown);
        process.stderr.write(
          `wrote ${result.files.placementMd}, ${result.files.placementJson}, the charts and ${result.files.weights.length} weight files in ${flags.out}/weights` +
            (dataset.source.synthetic ? " (SYNTHETIC data)" : "") +
            `\nuse it beside the 33: PD_EXTRA_JUDGES=${flags.out} make figures, or pd report --extra-judges ${flags.out}\n`,
        );
      } finally {
        progress?.stop();
        await pool?.close();
      }
    });
}
