/**
 * `pd judge`: add a judge beside the paper's 33 — `collect` its verdicts from any
 * OpenAI-compatible server, then `add` it: fit it and see where it sits. See docs/judges.md.
 */
import type { Command } from "commander";
import { registerAdd } from "./judge-add.js";
import { registerCollect } from "./judge-collect.js";

export function register(program: Command): void {
  const judge = program
    .command("judge")
    .description(
      "Add a judge: collect any model's preferences from first-token log-probabilities (collect), then fit it and place it among the paper's 33 (add).",
    );
  registerCollect(judge);
  registerAdd(judge);
}
