/**
 * Writes weights in the authors' released layout, `model_<group>_fitted_paras.jsonl` with one
 * `{"model_name", "parameters"}` line per judge, so every consumer of released weights (notebooks,
 * `pd verify`) reads a refit unchanged.
 */
import { join } from "node:path";
import { JUDGE_IDS, formatFittedParams, type WeightSet } from "@prefdissect/data";
import { weightsFileName, writeFileAtomic } from "@prefdissect/data/node";

export async function writeWeightSet(dir: string, ws: WeightSet): Promise<string[]> {
  const written: string[] = [];
  for (const [group, judges] of ws) {
    const ordered = [...judges.keys()].sort((a, b) => JUDGE_IDS.indexOf(a) - JUDGE_IDS.indexOf(b));
    const path = join(dir, weightsFileName(group));
    await writeFileAtomic(path, formatFittedParams(ordered.map((judge) => [judge, judges.get(judge)!] as const)));
    written.push(path);
  }
  return written;
}
