/**
 * One lane of the WebAssembly kernel as the sampler's `BatchedPotential`: the chain's phase points,
 * M⁻¹ and subtree bookkeeping live in the lane's part of the kernel's memory, its leapfrog steps
 * and U-turn checks run in the kernel, and its gradients are computed in the pass the kernel makes
 * for all four lanes (the kernel is the batch).
 */
import type { BatchedPotential, GradientBatch, SubtreeTracker } from "../nuts/batched-potential.js";
import type { PhasePoint } from "../nuts/integrator.js";
import type { WasmLogisticKernel } from "./wasm-kernel.js";

export class WasmLanePotential implements BatchedPotential {
  readonly dim: number;
  readonly batch: GradientBatch;
  evaluations = 0;
  private readonly kernel: WasmLogisticKernel;
  private readonly lane: number;

  constructor(kernel: WasmLogisticKernel, lane: number) {
    this.kernel = kernel;
    this.lane = lane;
    this.dim = kernel.dim;
    this.batch = kernel;
  }

  /** U(w) at a plain array, on this lane alone; writes ∇U into `grad`. */
  evaluate(w: Float64Array, grad: Float64Array): number {
    this.evaluations++;
    return this.kernel.evaluate(this.lane, w, grad);
  }

  createPhasePoint(): PhasePoint {
    return this.kernel.allocatePhasePoint(this.lane);
  }

  beginLeapfrogStep(from: PhasePoint, to: PhasePoint, stepSize: number, inverseMass: Float64Array): void {
    this.evaluations++;
    this.kernel.beginLeapfrog(this.lane, from, to, stepSize, inverseMass);
  }

  finishLeapfrogStep(to: PhasePoint, stepSize: number, inverseMass: Float64Array): number {
    return this.kernel.finishLeapfrog(this.lane, to, stepSize, inverseMass);
  }

  createSubtreeTracker(slots: number): SubtreeTracker {
    const kernel = this.kernel;
    const lane = this.lane;
    return {
      rSum: kernel.allocateSubtreeScratch(lane, slots),
      addLeaf: (leaf, leafIndex, idxMin, idxMax, inverseMass) => kernel.subtreeLeaf(lane, leaf, leafIndex, idxMin, idxMax, inverseMass),
    };
  }
}
