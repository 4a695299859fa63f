import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createRandomStream } from "@prefdissect/shared";
import { describe, expect, it } from "vitest";
import { LogisticLaplacePotential, toSparseDesign, validateProblem, type SparseDesign } from "../src/index.js";
import { addDataTermReference } from "../src/model/reference-data-term.js";
import { createSubtreeTracker, leapfrogStepNow, type BatchedPotential, type GradientBatch } from "../src/nuts/batched-potential.js";
import { createPhasePoint, leapfrog, type PhasePoint, type Potential } from "../src/nuts/integrator.js";
import { createDiagonalMetric } from "../src/nuts/metric.js";
import { createTrajectoryWorkspace } from "../src/nuts/trajectory.js";
import { createTransitionInfo, nutsTransition } from "../src/nuts/transition.js";
import { WasmLogisticKernel } from "../src/wasm/wasm-kernel.js";
import { kernelSupports } from "../src/wasm/wasm-layout.js";

/** A random ternary problem with about `density` of its entries non-zero. */
function ternaryProblem(rows: number, dim: number, density: number, seed: number) {
  const rng = createRandomStream(seed, 0);
  const X = Array.from({ length: rows }, () => Array.from({ length: dim }, () => (rng.uniform() < density ? (rng.uniform() < 0.5 ? 1 : -1) : 0)));
  const y = Array.from({ length: rows }, () => (rng.uniform() < 0.5 ? 1 : 0));
  return validateProblem({ X, y });
}

function randomWeights(dim: number, spread: number, seed: number): Float64Array {
  const rng = createRandomStream(seed, 1);
  return Float64Array.from({ length: dim }, () => spread * rng.normal());
}

/** Drives one transition of a chain that has its gradient batch to itself: computes it at every wait. */
function runAlone(transition: Generator<void, void, void>, batch: GradientBatch): void {
  while (!transition.next().done) batch.computeGradients();
}

/** One chain's lane of a WebAssembly kernel, as the sampler steps with it. */
function wasmLane(design: SparseDesign): BatchedPotential {
  return LogisticLaplacePotential.forChains(design, 0.1, 1, "wasm")[0]!;
}

/** A kernel for the data term alone (a zero prior: 1/b = 0 and no constant). */
function dataTermKernel(design: SparseDesign): WasmLogisticKernel {
  const wasm = WasmLogisticKernel.create(design, 0, 0);
  if (wasm === undefined) throw new Error("the WebAssembly kernel is unavailable");
  return wasm;
}

/** The data term's energy and gradient from lane `lane` of `wasm`. */
function dataTerm(wasm: WasmLogisticKernel, w: Float64Array, lane = 0) {
  const grad = new Float64Array(w.length);
  return { energy: wasm.evaluate(lane, w, grad), grad };
}

/** Energy and gradient of the data term from both implementations. */
function bothKernels(rows: number, dim: number, density: number, w: Float64Array, seed: number) {
  const design = toSparseDesign(ternaryProblem(rows, dim, density, seed));
  const gradRef = new Float64Array(dim);
  return {
    ref: { energy: addDataTermReference(design, w, gradRef), grad: gradRef },
    wasm: dataTerm(dataTermKernel(design), w, seed % 4),
    scale: errorScale(design, w),
  };
}

/**
 * Σ_i (1 + Σ_j |x_ij w_j|): the scale of the kernel's rounding errors (rows plus the logits'
 * absolute sums of terms).
 */
function errorScale(design: SparseDesign, w: Float64Array): number {
  let scale = design.rows;
  for (let i = 0; i < design.rows; i++) {
    for (let k = design.rowStart[i]!; k < design.minusEnd[i]!; k++) scale += Math.abs(w[design.index[k]!]!);
  }
  return scale;
}

/**
 * The kernel's tolerance against the binary64 JavaScript loop. The kernel builds the tables and
 * logits and computes p = sigmoid(s) in binary32 (unit roundoff u = 6e-8), and sums over rows in
 * binary64. A logit is a sum of at most 11 rounded terms, so it is off by at most about 11u times
 * Σ_j |x_ij w_j|, and softplus and sigmoid have slopes ≤ 1 and ≤ 1/4; each row adds a few u of
 * its own. With S = Σ_i (1 + Σ_j |x_ij w_j|), we require |ΔE| ≤ 1e-7 · S and |Δ∇E_j| ≤ 1e-7 · S;
 * the observed worst cases over these tests are 2.7e-8 · S and 1.7e-8 · S. For the paper's
 * problems (n ≤ 1,300, S ≈ 2n) that is |ΔE| < 3e-4 (observed < 1e-5), far below the energy
 * differences of order 0.1 that decide acceptance.
 */
function expectAgreement(a: { energy: number; grad: Float64Array }, b: { energy: number; grad: Float64Array }, scale: number) {
  expect(Math.abs(a.energy - b.energy)).toBeLessThanOrEqual(1e-7 * scale);
  a.grad.forEach((g, j) => expect(Math.abs(g - b.grad[j]!)).toBeLessThanOrEqual(1e-7 * scale));
}

describe("WebAssembly kernel against the JavaScript reference", () => {
  // Shapes: the paper's (d = 29), d a multiple of the block size, d < one block, d = 1, odd and
  // even row counts, a single row, dense and very sparse rows.
  const shapes: [rows: number, dim: number, density: number][] = [
    [360, 29, 0.38],
    [1277, 29, 0.4],
    [101, 30, 0.5],
    [64, 5, 0.6],
    [7, 3, 0.9],
    [1, 29, 0.4],
    [33, 1, 0.7],
    [250, 66, 0.05],
    [40, 12, 0],
    [30, 165, 0.1],
    [20, 330, 0.05],
  ];
  for (const [rows, dim, density] of shapes) {
    it(`agrees within the binary32 tolerance on random data, n = ${rows}, d = ${dim}, density ${density}`, () => {
      for (let trial = 0; trial < 5; trial++) {
        const seed = 1000 * rows + 10 * dim + trial;
        const w = randomWeights(dim, [0.05, 0.3, 1, 3, 30][trial]!, seed);
        const { ref, wasm, scale } = bothKernels(rows, dim, density, w, seed);
        expectAgreement(ref, wasm, scale);
      }
    });
  }

  it("agrees at w = 0, with exact zeros, and for logits far beyond the exp range", () => {
    const dim = 29;
    const zero = new Float64Array(dim);
    const z = bothKernels(200, dim, 0.4, zero, 7);
    expectAgreement(z.ref, z.wasm, z.scale);
    expect(z.wasm.energy).toBeCloseTo(200 * Math.LN2, 12);
    const huge = randomWeights(dim, 400, 8);
    const h = bothKernels(200, dim, 0.4, huge, 8);
    expect(Number.isFinite(h.wasm.energy)).toBe(true);
    expectAgreement(h.ref, h.wasm, h.scale);
  });

  it("gives a NaN energy for a NaN weight, so the sampler rejects the state", () => {
    const w = randomWeights(29, 0.3, 9);
    w[3] = Number.NaN;
    const { ref, wasm } = bothKernels(100, 29, 0.4, w, 9);
    expect(ref.energy).toBeNaN();
    expect(wasm.energy).toBeNaN();
  });

  it("is deterministic: repeated evaluations and separate instances give the same bits", () => {
    const design = toSparseDesign(ternaryProblem(300, 29, 0.38, 11));
    const a = dataTermKernel(design);
    const b = dataTermKernel(design);
    const w = randomWeights(29, 0.5, 11);
    const first = dataTerm(a, w);
    dataTerm(a, randomWeights(29, 2, 12));
    expect(dataTerm(a, w)).toEqual(first);
    expect(dataTerm(b, w)).toEqual(first);
  });

  it("gives every lane the same bits whatever the other lanes hold", () => {
    const design = toSparseDesign(ternaryProblem(257, 29, 0.38, 15));
    const w = randomWeights(29, 0.4, 15);
    const alone = dataTerm(dataTermKernel(design), w);
    const shared = dataTermKernel(design);
    for (let lane = 0; lane < WasmLogisticKernel.lanes; lane++) {
      // fill the other lanes with unrelated positions (including a NaN and huge weights) first
      for (let other = 0; other < WasmLogisticKernel.lanes; other++) {
        const junk = randomWeights(29, [0.1, 50, 3, 0.5][other]!, 100 + other);
        if (other === 1) junk[5] = Number.NaN;
        if (other !== lane) dataTerm(shared, junk, other);
      }
      const result = dataTerm(shared, w, lane);
      expect(result.energy).toBe(alone.energy);
      expect(Array.from(result.grad)).toEqual(Array.from(alone.grad));
    }
  });

  it("is chosen for ternary designs and left out for general ones", () => {
    const ternary = toSparseDesign(ternaryProblem(50, 6, 0.5, 13));
    expect(kernelSupports(ternary)).toBe(true);
    expect(new LogisticLaplacePotential(ternary, 0.1).kernel).toBe("wasm");
    const general = validateProblem({
      X: [
        [1, 0.5],
        [-1, 2],
        [0, 1],
      ],
      y: [1, 0, 1],
    });
    expect(kernelSupports(toSparseDesign(general))).toBe(false);
    expect(new LogisticLaplacePotential(toSparseDesign(general), 0.1).kernel).toBe("js");
    expect(() => new LogisticLaplacePotential(toSparseDesign(general), 0.1, "wasm")).toThrow(/ternary/);
  });

  it("gives the same potential through either kernel", () => {
    const design = toSparseDesign(ternaryProblem(400, 29, 0.38, 14));
    const viaWasm = new LogisticLaplacePotential(design, 0.1, "wasm");
    const viaJs = new LogisticLaplacePotential(design, 0.1, "js");
    const w = randomWeights(29, 0.2, 14);
    const gradWasm = new Float64Array(29);
    const gradJs = new Float64Array(29);
    const u = viaWasm.evaluate(w, gradWasm);
    // the prior is binary64 on both paths, so only the data term's tolerance applies
    const scale = errorScale(design, w);
    expect(Math.abs(u - viaJs.evaluate(w, gradJs))).toBeLessThanOrEqual(1e-7 * scale);
    gradJs.forEach((g, j) => expect(Math.abs(g - gradWasm[j]!)).toBeLessThanOrEqual(1e-7 * scale));
  });

  it("steps in the kernel with the same bits as the JavaScript leapfrog, and near the reference kernel", () => {
    // d = 27 leaves three zero-padded weights in the last block; weights at exactly 0 test sign(0) = 0
    const design = toSparseDesign(ternaryProblem(203, 27, 0.38, 21));
    const lane = wasmLane(design);
    // the same potential (the kernel's own evaluation) stepped by the JavaScript leapfrog
    const viaEvaluate: Potential = { dim: 27, evaluate: (z, grad) => lane.evaluate(z, grad) };
    const reference = new LogisticLaplacePotential(design, 0.1, "js");
    const inverseMass = Float64Array.from({ length: 27 }, (_, j) => 0.3 + 0.05 * j);
    const inKernel = [lane.createPhasePoint(), lane.createPhasePoint()];
    const plain = [createPhasePoint(27), createPhasePoint(27)];
    const viaJs = [createPhasePoint(27), createPhasePoint(27)];
    expect(inKernel[0]!.address).toBeGreaterThanOrEqual(0);
    const start = randomWeights(27, 0.2, 21).map((v, j) => (j % 4 === 0 ? 0 : v));
    const rng = createRandomStream(21, 1);
    for (const p of [inKernel[0]!, plain[0]!, viaJs[0]!]) {
      p.z.set(start);
      for (let j = 0; j < 27; j++) p.r[j] = Math.sin(3 * j + 1);
      p.potential = (p === viaJs[0] ? reference : lane).evaluate(p.z, p.grad);
    }
    const evaluations = lane.evaluations;
    const steps = 60;
    for (let t = 0; t < steps; t++) {
      const stepSize = (rng.uniform() < 0.3 ? -1 : 1) * 0.04;
      const kinetic = leapfrogStepNow(lane, inverseMass, stepSize, inKernel[0]!, inKernel[1]!);
      inKernel.reverse();
      const step = (pair: PhasePoint[], pot: Potential) => {
        const energy = leapfrog(pot, inverseMass, stepSize, pair[0]!, pair[1]!);
        pair.reverse();
        return energy;
      };
      expect(kinetic).toBe(step(plain, viaEvaluate));
      const a = inKernel[0]!;
      const b = plain[0]!;
      expect(a.potential).toBe(b.potential);
      expect(Array.from(a.z)).toEqual(Array.from(b.z));
      expect(Array.from(a.r)).toEqual(Array.from(b.r));
      expect(Array.from(a.grad)).toEqual(Array.from(b.grad));
      // against the JavaScript reference kernel, restarted from the kernel's point each step so
      // that trajectories' amplification of rounding does not enter: the data term's tolerance
      const c = viaJs[0]!;
      step(viaJs, reference);
      const ref = viaJs[0]!;
      const scale = errorScale(design, ref.z);
      expect(Math.abs(ref.potential - a.potential)).toBeLessThanOrEqual(1e-7 * scale);
      ref.grad.forEach((g, j) => expect(Math.abs(g - a.grad[j]!)).toBeLessThanOrEqual(1e-7 * scale));
      c.z.set(a.z);
      c.r.set(a.r);
      c.grad.set(a.grad);
      c.potential = a.potential;
      viaJs.reverse();
    }
    // each step in the kernel counts as one gradient evaluation, as each of the plain path's evaluations does
    expect(lane.evaluations - evaluations).toBe(2 * steps);
  });

  it("does a subtree leaf's momentum sum and U-turn checks in WebAssembly with the same bits as in JavaScript", () => {
    const design = toSparseDesign(ternaryProblem(150, 29, 0.3, 33));
    const inWasm = wasmLane(design);
    /** Another lane of its own, stepping in the kernel, with the bookkeeping in JavaScript arrays. */
    const lane = wasmLane(design);
    const inJs: BatchedPotential = {
      dim: lane.dim,
      batch: lane.batch,
      get evaluations() {
        return lane.evaluations;
      },
      evaluate: (z, grad) => lane.evaluate(z, grad),
      createPhasePoint: () => lane.createPhasePoint(),
      beginLeapfrogStep: (from, to, stepSize, inverseMass) => lane.beginLeapfrogStep(from, to, stepSize, inverseMass),
      finishLeapfrogStep: (to, stepSize, inverseMass) => lane.finishLeapfrogStep(to, stepSize, inverseMass),
      createSubtreeTracker: (slots) => createSubtreeTracker(lane.dim, slots),
    };
    const metric = createDiagonalMetric(Array.from({ length: 29 }, (_, j) => 0.02 + 0.002 * j));
    const run = (potential: BatchedPotential) => {
      const ws = createTrajectoryWorkspace(potential, 10, 1000);
      const rng = createRandomStream(33, 2);
      const state = createPhasePoint(29);
      state.potential = potential.evaluate(state.z, state.grad);
      const info = createTransitionInfo();
      const trace: number[] = [];
      // step sizes from small (deep trees, many U-turn checks) to large (early turns, divergences)
      for (let t = 0; t < 40; t++) {
        runAlone(nutsTransition(ws, metric, t < 20 ? 0.05 : 0.4, 10, state, rng, info), potential.batch);
        trace.push(info.depth, info.numSteps, info.energy, info.acceptProb, Number(info.diverging), ...state.z, ...ws.top.rSum);
      }
      // the subtree's momentum sum shares the kernel's memory with the phase points, or not
      return { trace, rSumInKernel: ws.sub.rSum.buffer === ws.leaf.z.buffer };
    };
    const viaWasm = run(inWasm);
    const viaJs = run(inJs);
    expect(viaWasm.rSumInKernel).toBe(true);
    expect(viaJs.rSumInKernel).toBe(false);
    expect(viaWasm.trace).toEqual(viaJs.trace);
    // the trajectories were long enough to exercise checkpoints several levels deep
    expect(Math.max(...viaWasm.trace.filter((_, i) => i % (5 + 2 * 29) === 0))).toBeGreaterThanOrEqual(4);
  });

  it("embeds the bytes assembled from logistic.wat (the generated module is not stale)", () => {
    const script = fileURLToPath(new URL("../src/wasm/assemble-wasm.mjs", import.meta.url));
    const output = execFileSync(process.execPath, [script, "--check"], { encoding: "utf8" });
    expect(output).toMatch(/matches logistic\.wat/);
  });
});
