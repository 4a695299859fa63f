/**
 * The velocity-Verlet (leapfrog) integrator for H(z, r) = U(z) + ½ rᵀ M⁻¹ r with a diagonal M⁻¹.
 *
 * Performance over purity: phase-space points are preallocated typed buffers that are written in
 * place, because a fit takes ~10⁵ leapfrog steps and a fresh array per step would dominate the
 * cost of the tiny (29-weight) problems we fit. Everything outside the trajectory loop is pure.
 */

/**
 * Gradients computed for several chains at once (the WebAssembly kernel's lanes): each chain's
 * potential begins its step, one `computeGradients` serves them all, then each finishes.
 */
export interface GradientBatch {
  /** Whether a begun step waits for `computeGradients`. */
  readonly pending: boolean;
  computeGradients(): void;
}

/**
 * Anything that returns U(z) and writes ∇U(z) into `grad` without allocating. A potential may also
 * hand out phase points in its own memory and step between them itself (`leapfrogStep`): the
 * WebAssembly potential does the whole step in its kernel that way. The step must give the same
 * bits as `leapfrog`'s own loops.
 */
export interface Potential {
  readonly dim: number;
  evaluate(z: Float64Array, grad: Float64Array): number;
  /** A zeroed phase point in the potential's own memory, or undefined (then a plain one is used). */
  createPhasePoint?(): PhasePoint | undefined;
  /** `leapfrog` between two points of its own (address ≥ 0); counts as one evaluation. */
  leapfrogStep?(from: PhasePoint, to: PhasePoint, stepSize: number, inverseMass: Float64Array): number;
  /**
   * Where the gradients of several chains are computed together; with it, `leapfrogStep` can be
   * split: `beginLeapfrogStep`, the batch's `computeGradients` (once for all chains waiting), then
   * `finishLeapfrogStep`, which returns the kinetic energy, with the same bits as `leapfrogStep`.
   */
  readonly batch?: GradientBatch | undefined;
  beginLeapfrogStep?(from: PhasePoint, to: PhasePoint, stepSize: number, inverseMass: Float64Array): void;
  finishLeapfrogStep?(to: PhasePoint, stepSize: number, inverseMass: Float64Array): number;
  /**
   * A subtree's momentum sum in the potential's own memory with room for `slots` U-turn
   * checkpoints, or undefined (then trajectory.ts keeps them in JavaScript arrays).
   */
  createSubtreeScratch?(slots: number): Float64Array | undefined;
  /**
   * The bookkeeping after a subtree's new leaf (a point of its own) for the scratch above: momentum
   * sum, checkpoint, U-turn checks; the same bits as trajectory.ts's JavaScript path. True if it turns.
   */
  subtreeLeaf?(leaf: PhasePoint, first: boolean, idxMin: number, idxMax: number): boolean;
}

/** A point of phase space with its potential and gradient (mutable buffers owned by one chain). */
export interface PhasePoint {
  /** Where the buffers live in a potential's own memory, or −1 for plain JavaScript arrays. */
  readonly address: number;
  readonly z: Float64Array;
  readonly r: Float64Array;
  readonly grad: Float64Array;
  potential: number;
}

export function createPhasePoint(dim: number): PhasePoint {
  return { address: -1, z: new Float64Array(dim), r: new Float64Array(dim), grad: new Float64Array(dim), potential: 0 };
}

/** A phase point for stepping with `potential`: in its own memory where it offers that. */
export function createPhasePointFor(potential: Potential): PhasePoint {
  return potential.createPhasePoint?.() ?? createPhasePoint(potential.dim);
}

/** Copies position, momentum, gradient and potential. */
export function copyPhasePoint(from: PhasePoint, to: PhasePoint): void {
  to.z.set(from.z);
  to.r.set(from.r);
  to.grad.set(from.grad);
  to.potential = from.potential;
}

/** Copies what a proposal needs (position, gradient, potential), not the momentum. */
export function copyPosition(from: PhasePoint, to: PhasePoint): void {
  to.z.set(from.z);
  to.grad.set(from.grad);
  to.potential = from.potential;
}

/**
 * One leapfrog step of size `stepSize` (negative = backwards in time) from `from` into `to`
 * (which may not be `from`): half kick, drift, full gradient, half kick. Returns the kinetic
 * energy ½ rᵀ M⁻¹ r of the new state, summed in the last kick's loop (the same terms in the same
 * order as `kineticEnergy`, so the same bits) because every caller needs it and a separate pass
 * over r would cost as much as the kick itself.
 */
export function leapfrog(
  potential: Potential,
  inverseMass: Float64Array,
  stepSize: number,
  from: PhasePoint,
  to: PhasePoint,
): number {
  if (from.address >= 0 && to.address >= 0 && potential.leapfrogStep !== undefined) {
    return potential.leapfrogStep(from, to, stepSize, inverseMass);
  }
  const dim = potential.dim;
  const half = 0.5 * stepSize;
  const z = to.z;
  const r = to.r;
  const grad = to.grad;
  const z0 = from.z;
  const r0 = from.r;
  const g0 = from.grad;
  for (let j = 0; j < dim; j++) {
    const rHalf = r0[j]! - half * g0[j]!;
    r[j] = rHalf;
    z[j] = z0[j]! + stepSize * inverseMass[j]! * rHalf;
  }
  to.potential = potential.evaluate(z, grad);
  let twiceKinetic = 0;
  for (let j = 0; j < dim; j++) {
    const rj = r[j]! - half * grad[j]!;
    r[j] = rj;
    twiceKinetic += inverseMass[j]! * rj * rj;
  }
  return 0.5 * twiceKinetic;
}
