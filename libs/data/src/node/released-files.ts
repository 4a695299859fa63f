/**
 * Files in the released layouts, on disk: a folder of `model_<group>_fitted_paras.jsonl` weight
 * files (the authors' release, or a refit's `weights/`) and labels files.
 */
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { PrefDissectError } from "@prefdissect/shared";
import {
  formatFittedParams,
  formatLabelsFile,
  parseLabelsFile,
  parseWeightsFiles,
  weightsFileGroup,
  weightsFileName,
  withAddedJudges,
  type Label,
  type WeightSet,
  type WeightsFileJudges,
} from "../released.js";
import { readTextFile, writeFileAtomic } from "./files.js";

/**
 * Reads a folder of `model_<group>_fitted_paras.jsonl` files (a refit's output, or with `judges`
 * "added" the weights `pd judge add` writes); groups without a file are absent.
 */
export async function readWeightsDirectory(dir: string, judges: WeightsFileJudges = "paper"): Promise<WeightSet> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw new PrefDissectError("missing-weights", `no weights folder at ${dir}; run \`pd refit\` (or \`make refit\`) first`, { file: dir });
  }
  const files = await Promise.all(
    names.filter((name) => weightsFileGroup(name) !== undefined).map(async (name) => ({ file: join(dir, name), text: await readTextFile(join(dir, name)) })),
  );
  return parseWeightsFiles(files, dir, judges);
}

/**
 * The judges added with `pd judge add` in `dirs`, merged: each folder is a `pd judge add --out`
 * folder (its `weights/` is read) or a folder of weight files itself.
 */
export async function readAddedJudges(dirs: readonly string[]): Promise<WeightSet> {
  let added: WeightSet = new Map();
  for (const dir of dirs) {
    const weightsDir = existsSync(join(dir, "weights")) ? join(dir, "weights") : dir;
    added = withAddedJudges(added, await readWeightsDirectory(weightsDir, "added"));
  }
  return added;
}

/** Writes one weights file per group of `ws` into `dir`, in the released layout; returns the paths. */
export async function writeWeightsDirectory(dir: string, ws: WeightSet): Promise<string[]> {
  const written: string[] = [];
  for (const [group, judges] of ws) {
    const path = join(dir, weightsFileName(group));
    await writeFileAtomic(path, formatFittedParams(judges));
    written.push(path);
  }
  return written;
}

/** Reads a labels file; `expectedLength`, when given, must match. */
export async function readLabelsFile(path: string, expectedLength?: number): Promise<Label[]> {
  return parseLabelsFile(await readTextFile(path), path, expectedLength);
}

/** Writes a labels file (a JSON array of "A" / "B"). */
export function writeLabelsFile(path: string, labels: readonly Label[]): Promise<void> {
  return writeFileAtomic(path, formatLabelsFile(labels));
}
