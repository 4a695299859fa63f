/**
 * The velocity-Verlet (leapfrog) integrator for H(z, r) = U(z) + ½ rᵀ M⁻¹ r with a diagonal M⁻¹.
 *
 * Performance over purity: phase-space points are preallocated typed buffers that are written in
 * place, because a fit takes ~10⁵ leapfrog steps and a fresh array per step would dominate the
 * cost of the tiny (29-weight) problems we fit. Everything outside the trajectory loop is pure.
 *
 * This file is the plain JavaScript step on any `Potential`. The sampler itself steps through a
 * `BatchedPotential` (batched-potential.ts), whose JavaScript implementation uses the two halves
 * below and whose WebAssembly implementation does the same operations in the kernel.
 */

/** Anything that returns U(z) and writes ∇U(z) into `grad` without allocating. */
export interface Potential {
  readonly dim: number;
  evaluate(z: Float64Array, grad: Float64Array): number;
}

/** A point of phase space with its potential and gradient (mutable buffers owned by one chain). */
export interface PhasePoint {
  /** Where the buffers live in a WebAssembly kernel's memory, or −1 for plain JavaScript arrays. */
  readonly address: number;
  readonly z: Float64Array;
  readonly r: Float64Array;
  readonly grad: Float64Array;
  potential: number;
}

export function createPhasePoint(dim: number): PhasePoint {
  return { address: -1, z: new Float64Array(dim), r: new Float64Array(dim), grad: new Float64Array(dim), potential: 0 };
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
 * The first half of a leapfrog step from `from` into `to` (which may not be `from`): half kick and
 * drift into `to.r` and `to.z`. The gradient at `to.z` comes next, then `finishLeapfrog`.
 */
export function beginLeapfrog(inverseMass: Float64Array, stepSize: number, from: PhasePoint, to: PhasePoint): void {
  const dim = to.z.length;
  const half = 0.5 * stepSize;
  const z = to.z;
  const r = to.r;
  const z0 = from.z;
  const r0 = from.r;
  const g0 = from.grad;
  for (let j = 0; j < dim; j++) {
    const rHalf = r0[j]! - half * g0[j]!;
    r[j] = rHalf;
    z[j] = z0[j]! + stepSize * inverseMass[j]! * rHalf;
  }
}

/**
 * The second half kick of a leapfrog step, once `to.grad` holds ∇U(to.z). Returns the kinetic
 * energy ½ rᵀ M⁻¹ r of the new state, summed in the kick's loop (the same terms in the same order
 * as `kineticEnergy`, so the same bits) because every caller needs it and a separate pass over r
 * would cost as much as the kick itself.
 */
export function finishLeapfrog(inverseMass: Float64Array, stepSize: number, to: PhasePoint): number {
  const dim = to.z.length;
  const half = 0.5 * stepSize;
  const r = to.r;
  const grad = to.grad;
  let twiceKinetic = 0;
  for (let j = 0; j < dim; j++) {
    const rj = r[j]! - half * grad[j]!;
    r[j] = rj;
    twiceKinetic += inverseMass[j]! * rj * rj;
  }
  return 0.5 * twiceKinetic;
}

/**
 * One leapfrog step of size `stepSize` (negative = backwards in time) from `from` into `to`
 * (which may not be `from`): half kick, drift, full gradient, half kick. Returns the kinetic
 * energy of the new state (see `finishLeapfrog`).
 */
export function leapfrog(potential: Potential, inverseMass: Float64Array, stepSize: number, from: PhasePoint, to: PhasePoint): number {
  beginLeapfrog(inverseMass, stepSize, from, to);
  to.potential = potential.evaluate(to.z, to.grad);
  return finishLeapfrog(inverseMass, stepSize, to);
}
