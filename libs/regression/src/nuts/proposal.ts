/**
 * How proposals are weighted and chosen (multinomial sampling). A state's log weight is
 * −(H − H₀), its energy error relative to the start of the trajectory; a subtree's weight is the
 * log-sum of its states' weights.
 */
import { sigmoid } from "@prefdissect/shared";

/** log(eᵃ + eᵇ) without overflow; −∞ weights are fine. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** Energy error of a new state; NaN (an overflowed trajectory) becomes +∞, so it is never chosen. */
export function energyError(energy: number, initialEnergy: number): number {
  const delta = energy - initialEnergy;
  return delta === delta ? delta : Infinity;
}

/** Metropolis acceptance statistic min(1, e^(−ΔH)) that dual averaging targets. */
export function acceptProbability(delta: number): number {
  return delta > 0 ? Math.exp(-delta) : 1;
}

/**
 * Inside a subtree: choose the new part with probability w_new / (w_old + w_new) (plain
 * multinomial sampling), i.e. sigmoid(log w_new − log w_old).
 */
export function uniformTransitionProbability(currentWeight: number, newWeight: number): number {
  const x = newWeight - currentWeight;
  return x !== x ? 0 : sigmoid(x);
}

/**
 * At the top level: Stan's and numpyro's biased progressive sampling, min(1, w_new / w_old),
 * which favours moving far from the start; never into a subtree that turned or diverged.
 */
export function biasedTransitionProbability(currentWeight: number, newWeight: number, newRejected: boolean): number {
  if (newRejected) return 0;
  const x = newWeight - currentWeight;
  return x >= 0 ? 1 : Math.exp(x);
}

/** Where `mergeWeights` writes: the merged log weight and whether the new part was chosen. */
export interface WeightMerge {
  weight: number;
  takeNew: boolean;
}

/**
 * Both halves of adding a new part (log weight `newWeight`) to a tree (log weight `currentWeight`)
 * with the uniform draw `u`: whether the new part becomes the proposal (`u` below
 * `uniformTransitionProbability`, or below `biasedTransitionProbability` when `biased`) and
 * `logAddExp` of the two weights. Why: the transition probability and the log-sum need the same
 * e^(−|x|), x = newWeight − currentWeight (a − b is exactly −(b − a) in floating point), so one exp
 * serves both, with the same bits as calling the three functions above. Non-finite differences
 * take the general functions.
 */
export function mergeWeights(currentWeight: number, newWeight: number, u: number, biased: boolean, newRejected: boolean, out: WeightMerge): void {
  const x = newWeight - currentWeight;
  if (x - x !== 0) {
    out.takeNew = u < (biased ? biasedTransitionProbability(currentWeight, newWeight, newRejected) : uniformTransitionProbability(currentWeight, newWeight));
    out.weight = logAddExp(currentWeight, newWeight);
    return;
  }
  if (x >= 0) {
    const e = Math.exp(-x);
    out.takeNew = biased ? u < (newRejected ? 0 : 1) : u < 1 / (1 + e);
    out.weight = newWeight + Math.log1p(e);
  } else {
    const e = Math.exp(x);
    out.takeNew = biased ? u < (newRejected ? 0 : e) : u < e / (1 + e);
    out.weight = currentWeight + Math.log1p(e);
  }
}
