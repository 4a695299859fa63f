import type { Command } from "commander";

/** Every subcommand, in the order `pd --help` lists them. */
export const commands: ReadonlyArray<(program: Command) => void> = [];
