import { readFileSync } from "node:fs";
import { createRandomStream } from "@prefdissect/shared";

/** numpyro's posteriors on four reference problems; fixtures/numpyro/README.md says where they come from. */
export const REFERENCE_DIR = new URL("./fixtures/numpyro/", import.meta.url);

export interface ReferenceProblem {
  name: string;
  X: number[][];
  y: number[];
  numpyro: {
    posterior_mean: number[];
    posterior_sd: number[];
    posterior_mean_other_seed?: number[];
    kfold10?: { shuffle_order: number[]; mean: number[] };
  };
}

export function loadReference(file: string): ReferenceProblem {
  const path = new URL(file, REFERENCE_DIR);
  return JSON.parse(readFileSync(path, "utf8")) as ReferenceProblem;
}

/** n rows of d ternary features (each non-zero with probability `density`) and labels from `weights`. */
export function simulate(n: number, weights: number[], seed: number, density = 0.4): { X: number[][]; y: number[] } {
  const rng = createRandomStream(seed, 99);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = weights.map(() => (rng.uniform() < density ? (rng.uniform() < 0.5 ? -1 : 1) : 0));
    const logit = row.reduce((s, x, j) => s + x * weights[j]!, 0);
    X.push(row);
    y.push(rng.uniform() < 1 / (1 + Math.exp(-logit)) ? 1 : 0);
  }
  return { X, y };
}
