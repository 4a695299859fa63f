/** A toy judge with known weights and a small synthetic dataset it labels, for the collection tests. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GROUP_IDS, PROPERTY_COUNT, synthesizePairs, writeHfParquet, type PairDataset, type WeightSet } from "@prefdissect/data";
import { createRandomStream } from "@prefdissect/shared";

export const TOY_JUDGE = "toy-judge";

/** A fresh temporary folder. */
export function tempDir(prefix = "pd-judges-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Weights of `judge` in every group, drawn from a seeded normal. */
export function toyWeights(seed = 1, judge = TOY_JUDGE): WeightSet {
  const rng = createRandomStream(seed, 0);
  return new Map(GROUP_IDS.map((group) => [group, new Map([[judge, Array.from({ length: PROPERTY_COUNT }, () => 0.8 * rng.normal())]])]));
}

/** `pairs` synthetic annotated pairs (labels of the toy judge only). */
export function toyDataset(pairs: number, seed = 3): PairDataset {
  const records = synthesizePairs({ weights: toyWeights(), seed, pairs, judges: [TOY_JUDGE] });
  return { pairs: records, source: { format: "hf-parquet", file: "toy.parquet", rows: records.length, synthetic: true, schemaDifferences: [], warnings: [] } };
}

/** Writes the toy dataset as a synthetic Parquet file and returns its path. */
export function writeToyParquet(dir: string, pairs: number): string {
  const path = join(dir, "toy.parquet");
  writeFileSync(path, new Uint8Array(writeHfParquet(toyDataset(pairs).pairs, { synthetic: true })));
  return path;
}

/** Client settings that keep fault tests fast: short backoff, fixed jitter. */
export function fastRetry() {
  return { maxRetries: 2, baseDelayMs: 2, maxDelayMs: 5, maxRetryAfterMs: 50 };
}
