/**
 * Error of the fast paths against the full posterior means, on the reference problems
 * (libs/regression/test/fixtures/numpyro/).
 * Prints numbers, asserts nothing.   npx tsx bench/regression-fast-path.bench.ts
 *
 * - "fewer draws": defaults.FAST_SETTINGS (4 chains × (300 warm-up + 500 draws)), several seeds;
 * - "mode": the exact posterior mode (L1-penalised logistic regression).
 * Both are compared with numpyro's posterior means and with our own paper-setting means.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { checkJson, median, parseJsonDocument } from "@prefdissect/shared";
import { defaults, fitPosterior, fitPosteriorMode, validateProblem } from "../libs/regression/src/index.js";

const DIR = new URL("../libs/regression/test/fixtures/numpyro/", import.meta.url);
/** What a reference problem file adds to the problem: numpyro's posterior means. */
const ReferenceSchema = z.object({ numpyro: z.object({ posterior_mean: z.array(z.number()) }) });
const FILES = ["A_comm_human_360.json", "B_know_gpt4_738.json", "C_feel_llama70c_109.json", "G_kfold_daily_gpt4_400.json"];

const maxAbs = (a: number[], b: number[]) => Math.max(...a.map((v, j) => Math.abs(v - b[j]!)));
const meanAbs = (a: number[], b: number[]) => a.reduce((s, v, j) => s + Math.abs(v - b[j]!), 0) / a.length;
const fmt = (a: number[], b: number[]) => `max ${maxAbs(a, b).toFixed(4)}, mean ${meanAbs(a, b).toFixed(4)}`;

console.log("Error in posterior means (absolute, over the 29 weights)\n");
for (const file of FILES) {
  const json = parseJsonDocument(readFileSync(new URL(file, DIR), "utf8"), file, "a reference problem");
  const raw = validateProblem(json, file);
  const reference = checkJson(json, ReferenceSchema, { file, what: "a reference problem with numpyro's posterior means" }).numpyro.posterior_mean;
  let t0 = performance.now();
  const full = fitPosterior(raw, { seed: 11 });
  const fullSeconds = (performance.now() - t0) / 1000;
  const fastErrors: number[] = [];
  let fastSeconds = 0;
  for (let seed = 0; seed < 5; seed++) {
    t0 = performance.now();
    const fast = fitPosterior(raw, { ...defaults.FAST_SETTINGS, seed });
    fastSeconds += (performance.now() - t0) / 1000 / 5;
    fastErrors.push(maxAbs(fast.mean, reference));
  }
  t0 = performance.now();
  const mode = fitPosteriorMode(raw);
  const modeSeconds = (performance.now() - t0) / 1000;
  console.log(file);
  console.log(`  paper settings (ours) vs numpyro: ${fmt(full.mean, reference)}   ${fullSeconds.toFixed(2)} s`);
  console.log(
    `  fewer draws vs numpyro, 5 seeds:  max ${Math.max(...fastErrors).toFixed(4)} (median ${median(fastErrors).toFixed(4)})   ${fastSeconds.toFixed(2)} s`,
  );
  console.log(`  mode vs numpyro:                  ${fmt(mode.weights, reference)}   ${modeSeconds.toFixed(3)} s`);
  console.log(`  mode vs our paper-setting means:  ${fmt(mode.weights, full.mean)}   (KKT residual ${mode.kktResidual.toExponential(1)})`);
}
