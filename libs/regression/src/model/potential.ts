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
 * Two kernels evaluate the data term. For ternary designs the WebAssembly kernel (src/wasm/)
 * evaluates U for up to four chains at once, one per SIMD lane: `forChains` gives the chains of a
 * fit one lane each of a shared kernel. Other designs use the plain JavaScript loop of
 * reference-data-term.ts. The WebAssembly kernel brings its own exp and does its per-row work in
 * binary32 (sums in binary64), so its results are the same bits on every machine and in every lane;
 * they differ from the JavaScript loop's by rounding (tested to 1e-7 of the sums' scale, far below
 * anything the sampler can notice), but since trajectories amplify rounding, a fit's draws depend
 * on which kernel ran. Every current engine has WebAssembly SIMD, so in practice the WebAssembly
 * kernel always does.
 */
import type { SparseDesign } from "../design.js";
import { plainBatchedPotential, type BatchedPotential } from "../nuts/batched-potential.js";
import type { Potential } from "../nuts/integrator.js";
import { WasmLanePotential } from "../wasm/lane-potential.js";
import { WasmLogisticKernel } from "../wasm/wasm-kernel.js";
import { addDataTermReference } from "./reference-data-term.js";

/** Which kernel evaluates the data term: "auto" = WebAssembly where it applies, else JavaScript. */
export type PotentialKernel = "auto" | "wasm" | "js";

/** The Laplace prior's 1/b and its constant d·log(2b), after checking b. */
function laplacePrior(dim: number, scale: number): { invScale: number; constant: number } {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`prior scale must be a positive number, got ${scale}`);
  return { invScale: 1 / scale, constant: dim * Math.log(2 * scale) };
}

/** The WebAssembly kernel for `design`, undefined with "js" or where it does not apply (an error with "wasm"). */
function createKernel(design: SparseDesign, invScale: number, constant: number, kernel: PotentialKernel): WasmLogisticKernel | undefined {
  const wasm = kernel === "js" ? undefined : WasmLogisticKernel.create(design, invScale, constant);
  if (kernel === "wasm" && wasm === undefined) {
    throw new RangeError("the WebAssembly kernel needs a ternary design (entries 0, ±1) and WebAssembly SIMD");
  }
  return wasm;
}

/** U(w) and ∇U(w) of one problem at one position at a time. Counts its gradient evaluations. */
export class LogisticLaplacePotential implements Potential {
  readonly dim: number;
  readonly scale: number;
  /** The kernel in use for the data term. */
  readonly kernel: "wasm" | "js";
  /** Number of gradient evaluations so far. */
  evaluations = 0;
  private readonly design: SparseDesign;
  private readonly wasm: WasmLogisticKernel | undefined;
  private readonly invScale: number;
  private readonly constant: number;

  constructor(design: SparseDesign, scale: number, kernel: PotentialKernel = "auto") {
    const { invScale, constant } = laplacePrior(design.dim, scale);
    this.design = design;
    this.dim = design.dim;
    this.scale = scale;
    this.invScale = invScale;
    this.constant = constant;
    this.wasm = createKernel(design, invScale, constant, kernel);
    this.kernel = this.wasm === undefined ? "js" : "wasm";
  }

  /**
   * One potential per chain for `chains` chains of the same problem, as the sampler steps with
   * them: with the WebAssembly kernel, each chain is one lane and every four chains share a kernel
   * (and its gradient pass); with the JavaScript loop, each chain steps on its own.
   */
  static forChains(design: SparseDesign, scale: number, chains: number, kernel: PotentialKernel = "auto"): BatchedPotential[] {
    const { invScale, constant } = laplacePrior(design.dim, scale);
    const first = createKernel(design, invScale, constant, kernel);
    if (first === undefined) {
      return Array.from({ length: chains }, () => plainBatchedPotential(new LogisticLaplacePotential(design, scale, "js")));
    }
    const lanes: BatchedPotential[] = [];
    for (let c = 0, wasm = first; c < chains; c++) {
      const lane = c % WasmLogisticKernel.lanes;
      // the design was accepted for `first`, so every further kernel is created too
      if (lane === 0 && c > 0) wasm = WasmLogisticKernel.create(design, invScale, constant)!;
      lanes.push(new WasmLanePotential(wasm, lane));
    }
    return lanes;
  }

  /** Returns U(w) and writes ∇U(w) into `grad` (length dim). Does not allocate. */
  evaluate(w: Float64Array, grad: Float64Array): number {
    this.evaluations++;
    if (this.wasm !== undefined) return this.wasm.evaluate(0, w, grad);
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
