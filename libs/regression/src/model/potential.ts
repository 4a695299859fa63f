/**
 * The model's potential energy U(w) = −log p(w | X, y) and its gradient, the only thing the sampler
 * knows about the model:
 *
 *   y_i ~ Bernoulli(sigmoid(x_i·w)),  w_j ~ Laplace(0, b) independently, no intercept.
 *
 * With the signed rows of `SparseDesign` (s_i = (1 − 2y_i) x_i·w),
 *
 *   U(w) = Σ_i softplus(s_i) + Σ_j |w_j| / b + d·log(2b),
 *   ∂U/∂w_j = Σ_i sigmoid(s_i) x̃_ij + sign(w_j) / b,
 *
 * where softplus(s) = max(s, 0) + log(1 + e^(−|s|)) never overflows. |w| has no derivative at 0;
 * like numpyro (JAX's sign) we use sign(0) = 0 there.
 *
 * Speed: the sampler spends nearly all its time here. The data term Σ softplus(s_i) and its
 * gradient run in a WebAssembly kernel (src/kernel/) for ternary designs, and in the plain
 * JavaScript loop of reference-data-term.ts otherwise. The kernel brings its own exp and does its
 * per-row work in binary32 (sums in binary64), so its results are the same bits on every machine;
 * they differ from the JavaScript loop's by rounding (tested to 1e-7 of the sums' scale, far below
 * anything the sampler can notice), but since trajectories amplify rounding, a fit's draws depend
 * on which kernel ran. Every current engine has WebAssembly SIMD, so in practice the kernel always does.
 */
import { WasmLogisticKernel } from "../kernel/wasm-kernel.js";
import type { PhasePoint } from "../nuts/integrator.js";
import type { SparseDesign } from "./design.js";
import { addDataTermReference } from "./reference-data-term.js";

/** Which implementation evaluates the data term: "auto" = WebAssembly where it applies, else JavaScript. */
export type PotentialKernel = "auto" | "wasm" | "js";

/** U(w) and ∇U(w) for one problem. Counts its gradient evaluations (for the benchmark). */
export class LogisticLaplacePotential {
  readonly dim: number;
  readonly scale: number;
  /** The implementation in use for the data term. */
  readonly kernel: "wasm" | "js";
  /** Number of `evaluate` calls so far. */
  evaluations = 0;
  private readonly design: SparseDesign;
  private readonly wasm: WasmLogisticKernel | undefined;
  private readonly invScale: number;
  private readonly constant: number;

  constructor(design: SparseDesign, scale: number, kernel: PotentialKernel = "auto") {
    if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`prior scale must be a positive number, got ${scale}`);
    this.design = design;
    this.dim = design.dim;
    this.scale = scale;
    this.invScale = 1 / scale;
    this.constant = design.dim * Math.log(2 * scale);
    this.wasm = kernel === "js" ? undefined : WasmLogisticKernel.create(design);
    if (kernel === "wasm" && this.wasm === undefined) {
      throw new RangeError("the WebAssembly kernel needs a ternary design (entries 0, ±1) and WebAssembly SIMD");
    }
    this.kernel = this.wasm === undefined ? "js" : "wasm";
    this.wasm?.configurePrior(this.invScale, this.constant);
  }

  /**
   * A phase point in the WebAssembly kernel's memory (undefined with the JavaScript kernel or
   * when its slots are used up), so that `leapfrogStep` can run a whole step in one call.
   */
  createPhasePoint(): PhasePoint | undefined {
    return this.wasm?.allocatePhasePoint();
  }

  /**
   * One leapfrog step between two points from `createPhasePoint`: the kick, drift, gradient
   * (data and prior) and kick in one WebAssembly call, ~0.5 µs less than the JavaScript loops
   * around `evaluate`, with the same bits. Returns the new kinetic energy.
   */
  leapfrogStep(from: PhasePoint, to: PhasePoint, stepSize: number, inverseMass: Float64Array): number {
    this.evaluations++;
    return this.wasm!.leapfrog(from, to, stepSize, inverseMass);
  }

  /** A subtree's momentum sum in the kernel's memory (see `Potential.createSubtreeScratch`). */
  createSubtreeScratch(slots: number): Float64Array | undefined {
    return this.wasm?.allocateSubtreeScratch(slots);
  }

  /**
   * A subtree leaf's momentum sum, checkpoint and U-turn checks in one WebAssembly call (only with
   * the scratch from `createSubtreeScratch`; see `Potential.subtreeLeaf`).
   */
  subtreeLeaf(leaf: PhasePoint, first: boolean, idxMin: number, idxMax: number): boolean {
    return this.wasm!.subtreeLeaf(leaf, first, idxMin, idxMax);
  }

  /** Returns U(w) and writes ∇U(w) into `grad` (length dim). Does not allocate. */
  evaluate(w: Float64Array, grad: Float64Array): number {
    this.evaluations++;
    const dim = this.dim;
    const invScale = this.invScale;
    let prior = this.constant;
    if (this.wasm !== undefined) {
      // The hot path (~3 × 10⁵ calls per fit): the data term first, then one loop adds the
      // prior's gradient to the kernel's (same sums as the JavaScript path, in the same order).
      const data = this.wasm.evaluate(w);
      const dataGrad = this.wasm.gradient;
      for (let j = 0; j < dim; j++) {
        const wj = w[j]!;
        // sign(w) without branches (signs of weights near 0 flip unpredictably): +0 at 0 as below.
        const sign = Number(wj > 0) - Number(wj < 0);
        prior += Math.abs(wj) * invScale;
        grad[j] = sign * invScale + dataGrad[j]!;
      }
      return prior + data;
    }
    for (let j = 0; j < dim; j++) {
      const wj = w[j]!;
      // sign(w) with sign(0) = 0, as JAX's subgradient of |w|.
      const sign = wj > 0 ? 1 : wj < 0 ? -1 : 0;
      prior += Math.abs(wj) * invScale;
      grad[j] = sign * invScale;
    }
    return prior + addDataTermReference(this.design, w, grad);
  }
}
