/**
 * `pd regress`: fit the paper's Bayesian logistic regression to one problem file with our NUTS
 * (optionally k-fold averaged), or take its exact posterior mode, and write the result as JSON.
 */
import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { PrefDissectError, parseJsonDocument } from "@prefdissect/shared";
import { readTextFile } from "@prefdissect/data/node";
import { defaults, fitPosteriorMode, validatePermutation, validateProblem, type FitOptions, type KFoldFit, type PosteriorFit } from "@prefdissect/regression";
import { createFitPool } from "@prefdissect/regression/node";
import { addFitFlags, resolveFitFlags, type FitFlags, type FlagAlias } from "../fit-flags.js";
import { positiveNumber, wholeNumber } from "../flags.js";
import { createProgress } from "../progress.js";

interface RegressFlags extends FitFlags {
  in: string;
  out?: string;
  scale?: string;
  seed?: string;
  folds?: string;
  permutation?: string;
  /** Old spellings: --fast (= --draws fast) and --mode nuts|map (= --method nuts|mode). */
  fast?: boolean;
  mode?: string;
  keepDraws?: string;
  workers?: string;
}

/** The old spellings a user typed, as aliases of the shared flags. */
function oldSpellings(flags: RegressFlags): FlagAlias[] {
  const aliases: FlagAlias[] = [];
  if (flags.fast) aliases.push({ flag: "--fast", draws: "fast" });
  if (flags.mode !== undefined) {
    if (flags.mode !== "nuts" && flags.mode !== "map") {
      throw new PrefDissectError("bad-flag", `--mode: expected "nuts" or "map", got ${JSON.stringify(flags.mode)}.`, { field: "--mode" });
    }
    aliases.push({ flag: `--mode ${flags.mode}`, method: flags.mode === "map" ? "mode" : "nuts" });
  }
  return aliases;
}

async function readJson(file: string, what: string): Promise<unknown> {
  return parseJsonDocument(await readTextFile(file), file, what);
}

/**
 * A permutation file holds a JSON array of row indices, or an object with one under `permutation`,
 * `shuffle_order` or `numpyro.kfold10.shuffle_order` (so a reference problem file can be passed).
 */
function findPermutation(raw: unknown): unknown {
  if (Array.isArray(raw) || typeof raw !== "object" || raw === null) return raw;
  const record = raw as Record<string, unknown>;
  if ("permutation" in record) return record.permutation;
  if ("shuffle_order" in record) return record.shuffle_order;
  const nested = (record.numpyro as Record<string, unknown> | undefined)?.kfold10 as Record<string, unknown> | undefined;
  return nested?.shuffle_order ?? raw;
}

/** JSON with every non-finite number turned into null, so NaN can never reach the output. */
function toJson(value: unknown): string {
  return `${JSON.stringify(value, (_key, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2)}\n`;
}

function foldSummary(fit: KFoldFit) {
  return fit.folds.map(({ index, heldOut, fit: f }) => ({
    index,
    heldOut,
    mean: f.mean,
    sd: f.sd,
    q05: f.q05,
    q50: f.q50,
    q95: f.q95,
    diagnostics: { ...f.diagnostics, chains: undefined },
    warnings: f.warnings,
  }));
}

async function run(flags: RegressFlags, command: Command): Promise<void> {
  const started = performance.now();
  const fitFlags = resolveFitFlags(command, flags, oldSpellings(flags));
  const problem = validateProblem(await readJson(flags.in, "a regression problem"), flags.in);
  const scale = positiveNumber("scale", flags.scale) ?? defaults.PRIOR_SCALE;
  let output: unknown;
  if (fitFlags.method === "mode") {
    const fit = fitPosteriorMode(problem, { scale });
    output = { method: "mode", mean: fit.weights, ...fit, settings: { scale }, seconds: (performance.now() - started) / 1000 };
  } else {
    const options: FitOptions = {
      chains: fitFlags.chains,
      warmup: fitFlags.warmup,
      samples: fitFlags.samples,
      seed: wholeNumber("seed", flags.seed, 0),
      keepDraws: wholeNumber("keep-draws", flags.keepDraws, 1),
      scale,
    };
    const folds = wholeNumber("folds", flags.folds, 1);
    const permutation =
      flags.permutation === undefined
        ? undefined
        : validatePermutation(findPermutation(await readJson(flags.permutation, "a permutation")), problem.rows, flags.permutation);
    if (permutation !== undefined && folds === undefined) {
      throw new PrefDissectError("bad-flag", "--permutation only applies to k-fold runs; add --folds.", { field: "--permutation" });
    }
    if (folds !== undefined && folds > problem.rows) {
      throw new PrefDissectError("bad-flag", `--folds: ${folds} folds need at least ${folds} rows, but ${flags.in} has ${problem.rows}.`, { field: "--folds" });
    }
    const pool = createFitPool({ workers: wholeNumber("workers", flags.workers, 1) });
    try {
      if (folds === undefined) {
        const fit: PosteriorFit = await pool.fit(problem, options);
        output = { method: "nuts", ...fit, seconds: (performance.now() - started) / 1000 };
      } else {
        const progress = createProgress(`pd regress: ${folds}-fold`, folds);
        const fit = await pool.fitKFold(problem, { ...options, folds, permutation, onFold: () => progress.tick(1) });
        progress.stop();
        output = {
          method: "nuts",
          mean: fit.mean,
          sd: fit.sd,
          q05: fit.q05,
          q50: fit.q50,
          q95: fit.q95,
          diagnostics: fit.diagnostics,
          warnings: fit.warnings,
          settings: { ...fit.folds[0]!.fit.settings, folds },
          permutation: fit.permutation,
          folds: foldSummary(fit),
          seconds: (performance.now() - started) / 1000,
        };
      }
    } finally {
      await pool.close();
    }
  }
  const text = toJson(output);
  if (flags.out === undefined) process.stdout.write(text);
  else await writeFile(flags.out, text);
}

export function register(program: Command): void {
  const command = program
    .command("regress")
    .description(
      "Fit the paper's Bayesian logistic regression (Bernoulli-logit, no intercept, Laplace(0, b) prior) to one problem " +
        "with our No-U-Turn sampler, on all cores. Input: JSON with X (rows of features) and y (0/1 labels); other keys " +
        "are ignored. Output: JSON with mean, sd, q05, q50, q95 per weight, diagnostics (R-hat, bulk ESS, divergences, " +
        "acceptance, step sizes, tree depths), warnings and seconds.",
    )
    .requiredOption("--in <file>", "problem JSON with keys X and y")
    .option("--out <file>", "where to write the result JSON (default: standard output)");
  addFitFlags(command)
    .option("--scale <b>", `scale of the Laplace prior (default ${defaults.PRIOR_SCALE})`)
    .option("--seed <n>", "seed of every random stream (default 0)")
    .option("--folds <k>", "average posterior means over k folds as the paper does (progress on stderr); 1 = one fit on all rows, in the k-fold output layout")
    .option("--permutation <file>", "row permutation for --folds: a JSON array, or an object with permutation / shuffle_order / numpyro.kfold10.shuffle_order")
    .option("--fast", "old spelling of --draws fast")
    .option("--mode <mode>", "old spelling of --method: nuts, or map (= --method mode)")
    .option("--keep-draws <n>", "also write this many thinned posterior draws (single fits)")
    .option("--workers <n>", "worker threads (default: number of cores)")
    .addHelpText(
      "after",
      "\nExamples:\n  pd regress --in A.json --out a.result.json\n  pd regress --in G.json --folds 10 --permutation G.json --out g.result.json\n  pd regress --in A.json --draws fast\n  pd regress --in A.json --method mode",
    )
    .action(async (flags: RegressFlags) => run(flags, command));
}
