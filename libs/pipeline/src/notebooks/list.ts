import { readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { PrefDissectError } from "@prefdissect/shared";

/** The stored notebooks in `dir` (`*.ipynb`, executed copies excluded), sorted by name. */
export function listNotebooks(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".ipynb") && !name.endsWith(".executed.ipynb"))
    .sort()
    .map((name) => join(dir, name));
}

/** Picks notebooks by name (with or without `.ipynb`); all when `names` is empty. */
export function selectNotebooks(available: readonly string[], names: readonly string[]): string[] {
  if (names.length === 0) return [...available];
  return names.map((name) => {
    const wanted = name.endsWith(".ipynb") ? basename(name) : `${basename(name)}.ipynb`;
    const match = available.find((path) => basename(path) === wanted);
    if (match === undefined) {
      const known = available.map((path) => basename(path, ".ipynb")).join(", ");
      throw new PrefDissectError("unknown-notebook", `no notebook named "${name}" (known: ${known})`, { field: "--notebook" });
    }
    return match;
  });
}
