import type { Command } from "commander";
import { PrefDissectError } from "@prefdissect/shared";
import { DATASET_SIZE, JUDGE_IDS, generatePairs } from "@prefdissect/data";
import { loadWeights, writeHfParquetFile } from "@prefdissect/data/node";
import { createProgress } from "../progress.js";
import { wholeNumberParser } from "../flags.js";

export function register(program: Command): void {
  program
    .command("synth")
    .description(
      "Write a SYNTHETIC dataset in the exact Parquet layout of GAIR/preference-dissection: realistic per-response ratings, " +
        "errors, query information and scenario groups, with every judge's label drawn from a logistic model of the given " +
        "weights for the pair's scenario. The file is marked synthetic in its Parquet metadata; deterministic for a seed.",
    )
    .requiredOption("--seed <n>", "random seed (integer)", wholeNumberParser("seed", 0))
    .requiredOption("--out <file>", "Parquet file to write")
    .option("--weights <source>", "'released' (the authors' weights) or a folder of model_<group>_fitted_paras.jsonl files", "released")
    .option("--pairs <n>", `number of pairs (group sizes scale with it)`, wholeNumberParser("pairs", 1), DATASET_SIZE)
    .option("--judges <ids>", "comma-separated judges to label (default: all 33)")
    .action(async (options: { seed: number; out: string; weights: string; pairs: number; judges?: string }) => {
      const judges =
        options.judges
          ?.split(",")
          .map((judge) => judge.trim())
          .filter(Boolean) ?? JUDGE_IDS;
      const weights = options.weights === "released" ? await loadWeights({ source: "released" }) : await loadWeights({ source: "refit", dir: options.weights });
      const progress = options.pairs >= 50_000 ? createProgress("synthesizing pairs", options.pairs) : undefined;
      const pairs = generatePairs({ weights, seed: options.seed, pairs: options.pairs, judges });
      const counted = function* () {
        let drawn = 0;
        for (const pair of pairs) {
          yield pair;
          if (++drawn % 10_000 === 0) progress?.tick(10_000);
        }
      };
      let written;
      try {
        // Pairs are drawn as the file is written, one row group at a time.
        written = await writeHfParquetFile(options.out, counted(), {
          synthetic: true,
          metadata: {
            "prefdissect.seed": String(options.seed),
            "prefdissect.weights": options.weights,
            "prefdissect.label-weights": "scenario",
          },
        });
      } catch (error) {
        if (error instanceof RangeError) throw new PrefDissectError("bad-weights", `--weights ${options.weights}: ${error.message}`, { field: "weights" });
        throw error;
      } finally {
        progress?.stop();
      }
      process.stderr.write(
        `wrote ${options.out}: ${written.rows} SYNTHETIC pairs, ${judges.length} judges, seed ${options.seed}, weights ${options.weights} (${written.bytes} B)\n`,
      );
    });
}
