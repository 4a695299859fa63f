import type { Command } from "commander";
import { register as fetch } from "./fetch.js";
import { register as verify } from "./verify.js";

/** Every subcommand, in the order `pd --help` lists them. */
export const commands: ReadonlyArray<(program: Command) => void> = [
  fetch,
  verify,
];
