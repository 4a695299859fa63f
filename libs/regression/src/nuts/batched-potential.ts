/**
 * What the sampler steps with: one chain's view of a potential whose gradients may be computed for
 * several chains in one pass. Every leapfrog step of the sampler is split around that pass:
 * `beginLeapfrogStep` (half kick, drift), then the batch's `computeGradients` once for every chain
 * waiting, then `finishLeapfrogStep` (gradient into the new point, half kick). The trajectory code
 * yields between the two halves (see trajectory.ts), so it has one code path whatever evaluates
 * the gradient.
 *
 * Two implementations: `plainBatchedPotential` below, the JavaScript loops of integrator.ts and
 * termination.ts on any `Potential` (its batch is empty: the gradient is evaluated in the first
 * half); and the WebAssembly kernel's lanes (src/wasm/lane-potential.ts), whose steps and subtree
 * bookkeeping run in the kernel with the same bits as the JavaScript loops.
 */
import { beginLeapfrog, createPhasePoint, finishLeapfrog, type PhasePoint, type Potential } from "./integrator.js";
import { isIterativeTurning } from "./termination.js";

/** A gradient pass shared by the chains of a group. */
export interface GradientBatch {
  /** Whether a begun step waits for `computeGradients`. */
  readonly pending: boolean;
  /** Computes the gradient of every chain whose step is begun. */
  computeGradients(): void;
}

/**
 * A subtree's momentum sum and U-turn checkpoints, kept leaf by leaf (numpyro's iterative checks,
 * termination.ts).
 */
export interface SubtreeTracker {
  /** Sum of the momenta of the subtree's leaves so far. */
  readonly rSum: Float64Array;
  /**
   * After leaf number `leafIndex` (a point from the same potential): adds its momentum to `rSum`
   * (sets it at leaf 0), stores the checkpoint of an even leaf, and returns whether a balanced
   * sub-subtree ending at it, checked in slots idxMax down to idxMin, makes a U-turn.
   */
  addLeaf(leaf: PhasePoint, leafIndex: number, idxMin: number, idxMax: number, inverseMass: Float64Array): boolean;
}

/** One chain's potential as the sampler uses it (see the file comment). */
export interface BatchedPotential extends Potential {
  /** The pass this chain's gradients are computed in, shared with the other chains of its group. */
  readonly batch: GradientBatch;
  /** Gradient evaluations so far (plain evaluations and leapfrog steps). */
  readonly evaluations: number;
  /** A zeroed phase point that the steps below can go from and to. */
  createPhasePoint(): PhasePoint;
  /** Half kick and drift from `from` into `to` (points from `createPhasePoint`, `to` ≠ `from`). */
  beginLeapfrogStep(from: PhasePoint, to: PhasePoint, stepSize: number, inverseMass: Float64Array): void;
  /**
   * After the batch's `computeGradients`: ∇U and U into `to`, the second half kick; returns the
   * kinetic energy of the new state, with the same bits as `leapfrog` in integrator.ts.
   */
  finishLeapfrogStep(to: PhasePoint, stepSize: number, inverseMass: Float64Array): number;
  /** The bookkeeping of one subtree with room for `slots` checkpoints (one per tree depth). */
  createSubtreeTracker(slots: number): SubtreeTracker;
}

/** A whole leapfrog step at once, for work outside the trajectory (the step-size search). */
export function leapfrogStepNow(potential: BatchedPotential, inverseMass: Float64Array, stepSize: number, from: PhasePoint, to: PhasePoint): number {
  potential.beginLeapfrogStep(from, to, stepSize, inverseMass);
  potential.batch.computeGradients();
  return potential.finishLeapfrogStep(to, stepSize, inverseMass);
}

/** The batch of potentials that evaluate their gradient in the first half of each step. */
const NO_BATCH: GradientBatch = { pending: false, computeGradients() {} };

/** `potential` stepped with the JavaScript loops: plain phase points, no shared gradient pass. */
export function plainBatchedPotential(potential: Potential): BatchedPotential {
  const dim = potential.dim;
  let evaluations = 0;
  return {
    dim,
    batch: NO_BATCH,
    get evaluations() {
      return evaluations;
    },
    evaluate(z, grad) {
      evaluations++;
      return potential.evaluate(z, grad);
    },
    createPhasePoint: () => createPhasePoint(dim),
    beginLeapfrogStep(from, to, stepSize, inverseMass) {
      evaluations++;
      beginLeapfrog(inverseMass, stepSize, from, to);
      to.potential = potential.evaluate(to.z, to.grad);
    },
    finishLeapfrogStep: (to, stepSize, inverseMass) => finishLeapfrog(inverseMass, stepSize, to),
    createSubtreeTracker: (slots) => createSubtreeTracker(dim, slots),
  };
}

/** A subtree's bookkeeping in JavaScript arrays. */
export function createSubtreeTracker(dim: number, slots: number): SubtreeTracker {
  const rSum = new Float64Array(dim);
  const rCheckpoints = Array.from({ length: slots }, () => new Float64Array(dim));
  const rSumCheckpoints = Array.from({ length: slots }, () => new Float64Array(dim));
  return {
    rSum,
    addLeaf(leaf, leafIndex, idxMin, idxMax, inverseMass) {
      const r = leaf.r;
      if (leafIndex === 0) {
        rSum.set(r);
      } else {
        for (let j = 0; j < dim; j++) rSum[j] = rSum[j]! + r[j]!;
      }
      if ((leafIndex & 1) === 0) {
        rCheckpoints[idxMax]!.set(r);
        rSumCheckpoints[idxMax]!.set(rSum);
      }
      return isIterativeTurning(inverseMass, r, rSum, rCheckpoints, rSumCheckpoints, idxMin, idxMax);
    },
  };
}
