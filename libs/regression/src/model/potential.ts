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
 * Speed: the sampler spends nearly all its time here. For ternary designs the WebAssembly kernel
 * (src/kernel/) evaluates U for up to four chains at once, one per SIMD lane: the chains of a fit
 * share one kernel (`forChains`), each potential being one lane, and a chain's leapfrog step is
 * split in two (`beginLeapfrogStep`, `finishLeapfrogStep`) around the kernel's shared gradient
 * pass. Other designs use the plain JavaScript loop of reference-data-term.ts. The kernel brings
 * its own exp and does its per-row work in binary32 (sums in binary64), so its results are the same
 * bits on every machine and in every lane; they differ from the JavaScript loop's by rounding
 * (tested to 1e-7 of the sums' scale, far below anything the sampler can notice), but since
 * trajectories amplify rounding, a fit's draws depend on which kernel ran. Every current engine
 * has WebAssembly SIMD, so in practice the kernel always does.
 */
import { WasmLogisticKernel } from "../kernel/wasm-kernel.js";
import type { GradientBatch, PhasePoint, Potential } from "../nuts/integrator.js";
import type { SparseDesign } from "./design.js";
import { addDataTermReference } from "./reference-data-term.js";

/** Which implementation evaluates the data term: "auto" = WebAssembly where it applies, else JavaScript. */
export type PotentialKernel = "auto" | "wasm" | "js";

/** U(w) and ∇U(w) of one problem for one chain. Counts its gradient evaluations (for the benchmark). */
export class LogisticLaplacePotential implements Potential {
  readonly dim: number;
  readonly scale: number;
  /** The implementation in use for the data term. */
  readonly kernel: "wasm" | "js";
  /** The WebAssembly kernel this chain shares with up to three others, or undefined. */
  readonly batch: GradientBatch | undefined;
  /** Number of gradient evaluations so far. */
  evaluations = 0;
  private readonly design: SparseDesign;
  private readonly wasm: WasmLogisticKernel | undefined;
  private readonly lane: number;
  private readonly invScale: number;
  private readonly constant: number;

  constructor(design: SparseDesign, scale: number, kernel: PotentialKernel = "auto", shared?: { readonly wasm: WasmLogisticKernel; readonly lane: number }) {
    if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`prior scale must be a positive number, got ${scale}`);
    this.design = design;
    this.dim = design.dim;
    this.scale = scale;
    this.invScale = 1 / scale;
    this.constant = design.dim * Math.log(2 * scale);
    this.wasm = kernel === "js" ? undefined : (shared?.wasm ?? WasmLogisticKernel.create(design, this.invScale, this.constant));
    if (kernel === "wasm" && this.wasm === undefined) {
      throw new RangeError("the WebAssembly kernel needs a ternary design (entries 0, ±1) and WebAssembly SIMD");
    }
    this.lane = shared?.lane ?? 0;
    this.kernel = this.wasm === undefined ? "js" : "wasm";
    this.batch = this.wasm;
  }

  /**
   * One potential per chain for `chains` chains of the same problem, sharing a WebAssembly kernel
   * per four chains (each chain one lane), or each with the JavaScript loop.
   */
  static forChains(design: SparseDesign, scale: number, chains: number, kernel: PotentialKernel = "auto"): LogisticLaplacePotential[] {
    const potentials: LogisticLaplacePotential[] = [];
    for (let c = 0; c < chains; c++) {
      const lane = c % WasmLogisticKernel.lanes;
      const wasm = lane === 0 ? undefined : potentials[c - lane]!.wasm;
      potentials.push(new LogisticLaplacePotential(design, scale, kernel, wasm === undefined ? undefined : { wasm, lane }));
    }
    return potentials;
  }

  /**
   * A phase point in this chain's part of the WebAssembly kernel's memory (undefined with the
   * JavaScript kernel or when its slots are used up), so that leapfrog steps run in the kernel.
   */
  createPhasePoint(): PhasePoint | undefined {
    return this.wasm?.allocatePhasePoint(this.lane);
  }

  /** One whole leapfrog step between two points from `createPhasePoint`; returns the new kinetic energy. */
  leapfrogStep(from: PhasePoint, to: PhasePoint, stepSize: number, inverseMass: Float64Array): number {
    this.beginLeapfrogStep(from, to, stepSize, inverseMass);
    this.wasm!.computeGradients();
    return this.finishLeapfrogStep(to, stepSize, inverseMass);
  }

  /** The kicks and drift before the gradient (see `Potential.beginLeapfrogStep`). */
  beginLeapfrogStep(from: PhasePoint, to: PhasePoint, stepSize: number, inverseMass: Float64Array): void {
    this.evaluations++;
    this.wasm!.beginLeapfrog(this.lane, from, to, stepSize, inverseMass);
  }

  /** The rest of the step after the batch's gradients (see `Potential.finishLeapfrogStep`). */
  finishLeapfrogStep(to: PhasePoint, stepSize: number, inverseMass: Float64Array): number {
    return this.wasm!.finishLeapfrog(this.lane, to, stepSize, inverseMass);
  }

  /** A subtree's momentum sum in the kernel's memory (see `Potential.createSubtreeScratch`). */
  createSubtreeScratch(slots: number): Float64Array | undefined {
    return this.wasm?.allocateSubtreeScratch(this.lane, slots);
  }

  /**
   * A subtree leaf's momentum sum, checkpoint and U-turn checks in one WebAssembly call (only with
   * the scratch from `createSubtreeScratch`; see `Potential.subtreeLeaf`).
   */
  subtreeLeaf(leaf: PhasePoint, first: boolean, idxMin: number, idxMax: number): boolean {
    return this.wasm!.subtreeLeaf(this.lane, leaf, first, idxMin, idxMax);
  }

  /** Returns U(w) and writes ∇U(w) into `grad` (length dim). Does not allocate. */
  evaluate(w: Float64Array, grad: Float64Array): number {
    this.evaluations++;
    if (this.wasm !== undefined) return this.wasm.evaluate(this.lane, w, grad);
    const invScale = this.invScale;
    let prior = this.constant;
    for (let j = 0; j < this.dim; j++) {
      const wj = w[j]!;
      // sign(w) with sign(0) = 0, as JAX's subgradient of |w|.
      const sign = wj > 0 ? 1 : wj < 0 ? -1 : 0;
      prior += Math.abs(wj) * invScale;
      grad[j] = sign * invScale;
    }
    return prior + addDataTermReference(this.design, w, grad);
  }
}
