/**
 * Pins the exact bits of a few fits. A fit is a pure function of its data, settings and seed, so a
 * change that only restructures the code (the sampler's files, the kernel's wrapper, the chain
 * driver) must leave these hashes alone. A change meant to alter the draws (a different summation
 * order, a new kernel) changes them: then run the parity tests, and update the hashes in the same
 * commit, saying why.
 *
 * Each case covers a path the others do not: the WebAssembly kernel at the paper's settings on a
 * reference problem, six chains (a full group of four lanes and a group of two), a design that is
 * not ternary (the JavaScript loop), and a k-fold run (per-fold random streams and the permutation).
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fitKFold, fitPosterior } from "../src/index.js";
import { loadReference, simulate } from "./helpers.js";

/** The first 16 hex digits of the sha256 of the JSON (numbers are printed to round-trip exactly). */
const fingerprint = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 16);

const weights = [0.6, -0.4, 0, 0.3, 0.1, -0.5, 0.2, 0, 0.05];

describe("fit fingerprints (bit-identical results for a fixed seed)", () => {
  it("problem A at the paper's settings, WebAssembly kernel", () => {
    const fit = fitPosterior(loadReference("A_comm_human_360.json"), { seed: 1, keepDraws: 40 });
    expect({ gradients: fit.diagnostics.gradientEvaluations, hash: fingerprint(fit) }).toEqual({
      gradients: 299081,
      hash: "871205332a79fe72",
    });
  });

  it("six chains: a group of four lanes and a group of two", () => {
    const fit = fitPosterior(simulate(220, weights, 51), { chains: 6, warmup: 150, samples: 200, seed: 3, keepDraws: 30 });
    expect({ gradients: fit.diagnostics.gradientEvaluations, hash: fingerprint(fit) }).toEqual({
      gradients: 40938,
      hash: "ab1c09d669d559af",
    });
  });

  it("a design that is not ternary, on the JavaScript loop", () => {
    const { X, y } = simulate(160, weights, 52);
    const fit = fitPosterior({ X: X.map((row) => row.map((v) => 0.5 * v)), y }, { warmup: 150, samples: 200, seed: 4, keepDraws: 30 });
    expect({ gradients: fit.diagnostics.gradientEvaluations, hash: fingerprint(fit) }).toEqual({
      gradients: 41760,
      hash: "eeb21ffa7a445b53",
    });
  });

  it("a three-fold run with a seeded permutation", () => {
    const fit = fitKFold(simulate(150, weights, 53), { folds: 3, warmup: 100, samples: 150, seed: 5 });
    expect({ gradients: fit.diagnostics.gradientEvaluations, hash: fingerprint(fit) }).toEqual({
      gradients: 61712,
      hash: "9dbf88289045f126",
    });
  });
});
