/**
 * The choices every fitting command shares, each with one name in all of them:
 *   --method nuts|mode   sample the posterior with NUTS (the paper's) or take its exact mode
 *   --draws paper|fast   how long NUTS runs: the paper's 4 × (500 + 2000) or 4 × (300 + 500)
 * Older spellings (`pd refit --fast`, `pd regress --fast`, `pd regress --mode map`) meant
 * different things in different commands; they still work and print a note with the new name.
 * A shorthand (`pd judge add --fast` for `--method mode`) is an alias kept on purpose: no note.
 */
import { Option, type Command } from "commander";
import { PrefDissectError } from "@prefdissect/shared";
import { defaults } from "@prefdissect/regression";
import { wholeNumber } from "./flags.js";

export const FIT_METHODS = ["nuts", "mode"] as const;
export type FitMethod = (typeof FIT_METHODS)[number];

/** Sampler lengths per `--draws` preset. */
export const DRAWS_PRESETS = {
  paper: { chains: defaults.CHAINS, warmup: defaults.WARMUP, samples: defaults.SAMPLES },
  fast: defaults.FAST_SETTINGS,
} as const;
export type DrawsPreset = keyof typeof DRAWS_PRESETS;

const describeDraws = (preset: DrawsPreset) => {
  const { chains, warmup, samples } = DRAWS_PRESETS[preset];
  return `${chains} chains × (${warmup} warm-up + ${samples} draws)`;
};

/** What the shared flags hold after commander has parsed them. */
export interface FitFlags {
  method?: string;
  draws?: string;
  chains?: string;
  warmup?: string;
  samples?: string;
}

/** An old spelling or a shorthand: the flag as typed and what it stands for. */
export interface FlagAlias {
  readonly flag: string;
  readonly method?: FitMethod;
  readonly draws?: DrawsPreset;
  /** A shorthand the command keeps (no note); otherwise an old spelling. */
  readonly shorthand?: boolean;
}

/** Adds --method, --draws, --chains, --warmup and --samples to a command. */
export function addFitFlags(command: Command): Command {
  return command
    .addOption(
      new Option("--method <method>", "nuts: sample the posterior (the paper's procedure); mode: its exact mode, in milliseconds (no sd, no intervals)")
        .choices(FIT_METHODS)
        .default("nuts"),
    )
    .addOption(
      new Option("--draws <preset>", `how long NUTS runs: paper = ${describeDraws("paper")}, fast = ${describeDraws("fast")}`)
        .choices(Object.keys(DRAWS_PRESETS))
        .default("paper"),
    )
    .option("--chains <n>", "chains per fit (overrides --draws)")
    .option("--warmup <n>", "warm-up iterations per chain (overrides --draws)")
    .option("--samples <n>", "kept draws per chain (overrides --draws)");
}

/** Prints the one-line note for an old spelling. */
export function noteAlias(old: string, replacement: string): void {
  process.stderr.write(`note: ${old} is the old spelling of ${replacement}; it still works, but please use ${replacement}\n`);
}

/** Settings from the shared flags; an alias the user typed overrides the default, with a note. */
export function resolveFitFlags(
  command: Command,
  flags: FitFlags,
  aliases: readonly FlagAlias[] = [],
): { method: FitMethod; draws: DrawsPreset; chains: number; warmup: number; samples: number } {
  const typed = (name: string) => command.getOptionValueSource(name) === "cli";
  let method = flags.method as FitMethod;
  let draws = flags.draws as DrawsPreset;
  for (const alias of aliases) {
    const [key, value] = alias.method !== undefined ? (["method", alias.method] as const) : (["draws", alias.draws!] as const);
    const replacement = `--${key} ${value}`;
    if (typed(key) && flags[key] !== value) {
      throw new PrefDissectError(
        "bad-flag",
        `${alias.flag} (${alias.shorthand ? "short for" : "old spelling of"} ${replacement}) contradicts --${key} ${flags[key]}`,
        { field: alias.flag },
      );
    }
    if (!alias.shorthand) noteAlias(alias.flag, replacement);
    if (key === "method") method = value as FitMethod;
    else draws = value as DrawsPreset;
  }
  const drawsGiven = typed("draws") || aliases.some((alias) => alias.draws !== undefined);
  if (method === "mode" && drawsGiven) {
    throw new PrefDissectError("bad-flag", "--draws sets how long NUTS runs, so it does not apply to --method mode", { field: "--draws" });
  }
  const preset = DRAWS_PRESETS[draws];
  return {
    method,
    draws,
    chains: wholeNumber("chains", flags.chains, 1) ?? preset.chains,
    warmup: wholeNumber("warmup", flags.warmup, 0) ?? preset.warmup,
    samples: wholeNumber("samples", flags.samples, 1) ?? preset.samples,
  };
}
