/**
 * numpyro's `find_reasonable_step_size` (after Hoffman & Gelman 2014, Algorithm 4): starting from
 * `initial`, keep doubling (or halving) the step size while one leapfrog step from `state` with a
 * fresh momentum has an acceptance probability above (or below) 0.8; stop at the first step size
 * on the other side.
 */
import type { RandomStream } from "@prefdissect/shared";
import { leapfrogStepNow, type BatchedPotential } from "../batched-potential.js";
import type { PhasePoint } from "../integrator.js";
import { kineticEnergy, sampleMomentum, type DiagonalMetric } from "../metric.js";

const LOG_TARGET = Math.log(0.8);
/** Bounds of a step size (numpyro's: the smallest normal and the largest finite binary64 number). */
export const MIN_STEP_SIZE = 2.2250738585072014e-308;
export const MAX_STEP_SIZE = Number.MAX_VALUE;

/**
 * `start` is read (position, gradient, potential); `start.r` and `scratch` are overwritten. Both
 * are points of `potential`'s own (`createPhasePoint`).
 */
export function findReasonableStepSize(
  potential: BatchedPotential,
  metric: DiagonalMetric,
  initial: number,
  start: PhasePoint,
  scratch: PhasePoint,
  rng: RandomStream,
): number {
  let stepSize = initial;
  let lastDirection = 0;
  let direction = 0;
  for (;;) {
    const notTooSmall = stepSize > MIN_STEP_SIZE || direction >= 0;
    const notTooLarge = stepSize < MAX_STEP_SIZE || direction <= 0;
    if (!(notTooSmall && notTooLarge && (lastDirection === 0 || direction === lastDirection))) return stepSize;
    stepSize = 2 ** direction * stepSize;
    sampleMomentum(metric, rng, start.r);
    const kineticAfter = leapfrogStepNow(potential, metric.inverseMass, stepSize, start, scratch);
    const before = start.potential + kineticEnergy(metric.inverseMass, start.r);
    const after = scratch.potential + kineticAfter;
    const delta = after - before;
    lastDirection = direction;
    // A NaN energy error compares false and so halves the step, as in numpyro.
    direction = LOG_TARGET < -delta ? 1 : -1;
  }
}
