/**
 * `pd refit`: fit every judge × group of an annotated dataset with the paper's settings and write
 * weights in the released layout, so notebooks and `pd verify` can read them with
 * `--weights refit` / `PD_WEIGHTS=refit`.
 */
import type { Command } from "commander";
import { PrefDissectError } from "@prefdissect/shared";
import { GROUP_IDS, JUDGE_IDS, type DatasetFormat } from "@prefdissect/data";
import { refitDir, type JudgeLabelsFile } from "@prefdissect/data/node";
import { createFitPool } from "@prefdissect/regression/node";
import { parseShardSpec, type RefitSettings } from "@prefdissect/refit";
import { PAPER_REFIT_SETTINGS, poolJudgeFitRunner, runRefit } from "@prefdissect/refit/node";
import { addFitFlags, resolveFitFlags, type FitFlags } from "../fit-flags.js";
import { positiveNumber, wholeNumber } from "../flags.js";
import { createProgress } from "../progress.js";
import { parseLabelsOption, readDataset, summarizeFeatures } from "./features.js";

interface RefitFlags extends FitFlags {
  data: string;
  format?: DatasetFormat;
  labels?: JudgeLabelsFile[];
  groupIndex?: string;
  judges?: string;
  groups?: string;
  folds: string;
  scale: string;
  seed: string;
  keepDraws: string;
  fast?: boolean;
  workers?: string;
  shard?: string;
  out: string;
}

function list(value: string | undefined, known: readonly string[], flag: string): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const item of items) {
    if (!known.includes(item)) throw new PrefDissectError("bad-flag", `--${flag}: unknown "${item}" (known: ${known.join(", ")})`, { field: `--${flag}` });
  }
  return items;
}

export function register(program: Command): void {
  const d = PAPER_REFIT_SETTINGS;
  const command = program
    .command("refit")
    .description(
      "Refit every judge × group from annotated pairs with the paper's procedure (Laplace(0, 0.1) prior, NUTS, " +
        "k-fold averaged posterior means). Finished fits are kept under <out>/fits, so an interrupted run resumes; " +
        "weights land in <out>/weights in the released layout, with summary.json (held-out accuracy, diagnostics) " +
        "and intervals.json (90 % intervals on P(p) and on judge similarities). --folds 1 fits each group once on " +
        "all its rows: the final model, without held-out accuracy. --shard k/n fits only the k-th of n slices of the " +
        "judge × group × fold jobs into <out>/fits (one per machine, on shared storage); the same command without " +
        "--shard then only combines them (docs/scale.md).",
    )
    .requiredOption(
      "--data <file|hf>",
      "dataset: 'hf' (gated, needs HF_TOKEN), 'resolved' (the authors' JSONL, fetched on demand), a Parquet file in the HF layout (e.g. from `pd synth`), a resolved JSONL file, or our pairs JSONL/CSV",
    )
    .option("--format <format>", "force the dataset format (hf-parquet, resolved-jsonl, pairs-jsonl, pairs-csv)")
    .option("--labels <judge=file>", 'add one judge\'s labels (JSON array of "A"/"B" in dataset order); repeatable', parseLabelsOption)
    .option("--group-index <file>", "group index file to check group membership against")
    .option("--judges <ids>", "comma-separated judge ids (default: every judge with labels)")
    .option("--groups <ids>", `comma-separated group ids (default: all 16)`)
    .option("--folds <k>", "folds to average over (1: one fit on all rows, no held-out accuracy)", String(d.folds));
  addFitFlags(command)
    .option("--scale <b>", "Laplace prior scale", String(d.scale))
    .option("--seed <n>", "seed of the fold permutation and the chains", String(d.seed))
    .option("--keep-draws <n>", "posterior draws kept per fold for intervals", String(d.keepDraws))
    .option("--fast", "old spelling of --method mode")
    .option("--workers <n>", "worker threads (default: one per core)")
    .option(
      "--shard <k/n>",
      "fit only shard k of n (1 ≤ k ≤ n) of the judge × group × fold jobs and write only their files into --out; run again without --shard to combine",
    )
    .option("--out <dir>", "output folder (default: PD_REFIT_DIR or data/derived/refit)", refitDir())
    .action(async (flags: RefitFlags) => {
      const shard = flags.shard === undefined ? undefined : parseShardSpec(flags.shard);
      const fit = resolveFitFlags(command, flags, flags.fast ? [{ flag: "--fast", method: "mode" }] : []);
      const settings: RefitSettings = {
        folds: wholeNumber("folds", flags.folds, 1),
        chains: fit.chains,
        warmup: fit.warmup,
        samples: fit.samples,
        scale: positiveNumber("scale", flags.scale),
        seed: wholeNumber("seed", flags.seed, 0),
        keepDraws: wholeNumber("keep-draws", flags.keepDraws, 0),
        method: fit.method,
      };
      const dataset = await readDataset({
        data: flags.data,
        ...(flags.format ? { format: flags.format } : {}),
        ...(flags.labels ? { labels: flags.labels } : {}),
        ...(flags.groupIndex ? { groupIndexFile: flags.groupIndex } : {}),
      });
      process.stderr.write(summarizeFeatures(dataset));
      const judges = list(flags.judges, JUDGE_IDS, "judges");
      const groups = list(flags.groups, GROUP_IDS, "groups");
      const pool = createFitPool(flags.workers ? { workers: wholeNumber("workers", flags.workers, 1) } : {});
      const total = (judges?.length ?? dataset.labels.size) * (groups?.length ?? GROUP_IDS.length) * settings.folds;
      const label = `refit${settings.method === "mode" ? " (posterior mode)" : ""}${shard ? ` shard ${shard.index}/${shard.count}` : ""}`;
      const progress = createProgress(label, total);
      try {
        const result = await runRefit({
          dataset,
          outDir: flags.out,
          ...(judges ? { judges } : {}),
          ...(groups ? { groups } : {}),
          settings,
          runner: poolJudgeFitRunner(pool),
          ...(shard ? { shard } : {}),
          onProgress: (p) => {
            if (p.note) process.stderr.write(`\nrefitting ${p.judge} × ${p.group} fold ${p.fold}: ${p.note}\n`);
            if (p.done === 1) progress.setTotal(p.total);
            progress.tick(1, `${p.judge} × ${p.group} fold ${p.fold}${p.reused ? " (kept)" : ""}`);
          },
        });
        progress.stop();
        for (const s of result.skipped) process.stderr.write(`skipped ${s.judge} × ${s.group}: ${s.reason}\n`);
        const counts = `${result.fitted} folds fitted, ${result.reused} kept from an earlier run`;
        const synthetic = dataset.source.synthetic ? " (SYNTHETIC data)" : "";
        process.stderr.write(
          shard
            ? `shard ${shard.index}/${shard.count}: ${result.sliceJobs} of ${result.jobs} jobs, ${counts}; fits in ${flags.out}/fits${synthetic}. ` +
                "When every shard is done, run the same command without --shard to combine them.\n"
            : `${counts}; weights in ${result.weightsDir}${synthetic}\n`,
        );
      } finally {
        progress.stop();
        await pool.close();
      }
    });
}
