import type { Command } from "commander";
import { register as fetch } from "./fetch.js";
import { register as figures } from "./figures.js";
import { register as verify } from "./verify.js";
import { register as synth } from "./synth.js";
import { register as features } from "./features.js";
import { register as refit } from "./refit.js";
import { register as regress } from "./regress.js";
import { register as annotate } from "./annotate.js";
import { register as judge } from "./judge.js";
import { register as mockServer } from "./mock-server.js";
import { register as manipulate } from "./manipulate.js";

/** Every subcommand, in the order `pd --help` lists them: the paper's pipeline first, then tools. */
export const commands: ReadonlyArray<(program: Command) => void> = [
  fetch,
  figures,
  verify,
  synth,
  features,
  refit,
  regress,
  annotate,
  judge,
  mockServer,
  manipulate,
];
