/**
 * The Euclidean metric with a diagonal mass matrix M: kinetic energy, momentum draws and the
 * generalized U-turn criterion, which measures "turning" with velocities M⁻¹r (Betancourt 2017).
 */
import type { RandomStream } from "@prefdissect/shared";

/** A diagonal metric: M⁻¹ and √M (what momentum draws multiply by). */
export interface DiagonalMetric {
  readonly inverseMass: Float64Array;
  readonly massSqrt: Float64Array;
}

/** The metric with M⁻¹ = `inverseMass` (copied). */
export function createDiagonalMetric(inverseMass: ArrayLike<number>): DiagonalMetric {
  const inv = Float64Array.from(inverseMass);
  const massSqrt = inv.map((v) => 1 / Math.sqrt(v));
  return { inverseMass: inv, massSqrt };
}

/** The identity metric of dimension `dim` (numpyro's starting point). */
export function identityMetric(dim: number): DiagonalMetric {
  return createDiagonalMetric(new Float64Array(dim).fill(1));
}

/** ½ rᵀ M⁻¹ r. */
export function kineticEnergy(inverseMass: Float64Array, r: Float64Array): number {
  let sum = 0;
  for (let j = 0; j < r.length; j++) sum += inverseMass[j]! * r[j]! * r[j]!;
  return 0.5 * sum;
}

/** Draws r ~ N(0, M) into `out`. */
export function sampleMomentum(metric: DiagonalMetric, rng: RandomStream, out: Float64Array): void {
  const massSqrt = metric.massSqrt;
  for (let j = 0; j < out.length; j++) out[j] = massSqrt[j]! * rng.normal();
}

/**
 * Generalized U-turn criterion between two trajectory ends with momentum sum `rSum` over the
 * states from one end to the other (both included). As numpyro does, half of each end's momentum
 * is taken out of the sum (the trapezoid rule for ∫ r dt), then the trajectory is turning if either
 * end's velocity M⁻¹r points against it.
 */
export function isTurning(inverseMass: Float64Array, rLeft: Float64Array, rRight: Float64Array, rSum: Float64Array): boolean {
  let left = 0;
  let right = 0;
  for (let j = 0; j < rSum.length; j++) {
    const centred = rSum[j]! - 0.5 * (rLeft[j]! + rRight[j]!);
    left += inverseMass[j]! * rLeft[j]! * centred;
    right += inverseMass[j]! * rRight[j]! * centred;
  }
  return left <= 0 || right <= 0;
}
