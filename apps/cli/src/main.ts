/**
 * The `pd` command: one subcommand per file under commands/, each exporting `register`.
 * User errors (`PrefDissectError`, bad flags) print one line and exit 1 (2 for usage);
 * anything else is a bug and keeps its stack trace.
 */
import { Command, CommanderError } from "commander";
import { isPrefDissectError } from "@prefdissect/shared";
import { commands } from "./commands/index.js";

export function buildProgram(): Command {
  const program = new Command("pd")
    .description("Dissect human and LLM preferences: fetch data, fit judges, draw the paper's figures.")
    .version("0.1.0", "-V, --version", "print the version")
    .showSuggestionAfterError(true)
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its one-line message (or the help text).
      return error.exitCode === 0 ? 0 : 2;
    }
    if (isPrefDissectError(error)) {
      process.stderr.write(`pd: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
