/** Reads a pairs file from disk (see `parsePairsFile` for the accepted formats). */
import { readFileSync } from "node:fs";
import { PrefDissectError } from "@prefdissect/shared";
import { parsePairsFile, type AnnotationInput } from "../input/pairs.js";

export function readPairsFile(path: string): AnnotationInput[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PrefDissectError("pairs-unreadable", `${path}: cannot read the pairs file (${code ?? (error as Error).message})`, { file: path });
  }
  return parsePairsFile(bytes, path);
}
