/**
 * Writes weights in the authors' released layout, `model_<group>_fitted_paras.jsonl` with one
 * `{"model_name", "parameters"}` line per judge, so every consumer of released weights (notebooks,
 * `pd verify`) reads a refit unchanged.
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { JUDGE_IDS, type WeightSet } from "@prefdissect/data";
import { weightsFileName } from "@prefdissect/data/node";

export async function writeWeightSet(dir: string, ws: WeightSet): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [group, judges] of ws) {
    const ordered = [...judges.keys()].sort((a, b) => JUDGE_IDS.indexOf(a) - JUDGE_IDS.indexOf(b));
    const lines = ordered.map((judge) => JSON.stringify({ model_name: judge, parameters: judges.get(judge) }));
    const path = join(dir, weightsFileName(group));
    await writeFile(`${path}.tmp`, lines.join("\n") + "\n");
    await rename(`${path}.tmp`, path);
    written.push(path);
  }
  return written;
}
