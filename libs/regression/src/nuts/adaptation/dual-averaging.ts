/**
 * Nesterov's dual averaging as adapted to step sizes by Hoffman & Gelman (2014, §3.2), in the
 * form numpyro and Stan use: the iterate x_t = log ε is pulled towards `proxCenter` = log(10 ε₀)
 * and moved by the running mean of (target − accept); the weighted average x̄_t is the final
 * log step size.
 */
import { DUAL_AVERAGING } from "../../defaults.js";

export interface DualAveragingState {
  /** Current iterate x_t (log step size to use next). */
  readonly x: number;
  /** Weighted average x̄_t (log step size to keep at the end of warm-up). */
  readonly xAvg: number;
  /** Running average of the statistics g. */
  readonly gAvg: number;
  /** Number of updates so far. */
  readonly t: number;
  /** μ, the point x is shrunk towards. */
  readonly proxCenter: number;
}

export interface DualAveragingOptions {
  readonly gamma: number;
  readonly t0: number;
  readonly kappa: number;
}

/** Fresh state centred at `proxCenter` (numpyro starts x and x̄ at 0). */
export function initDualAveraging(proxCenter: number): DualAveragingState {
  return { x: 0, xAvg: 0, gAvg: 0, t: 0, proxCenter };
}

/** One update with statistic g = target − acceptance (positive g shrinks the step). */
export function updateDualAveraging(g: number, state: DualAveragingState, { gamma, t0, kappa }: DualAveragingOptions = DUAL_AVERAGING): DualAveragingState {
  const t = state.t + 1;
  // ḡ_t = (1 − 1/(t + t0)) ḡ_{t−1} + g/(t + t0)
  const gAvg = (1 - 1 / (t + t0)) * state.gAvg + g / (t + t0);
  // x_t = μ − √t/γ · ḡ_t  (Nesterov's formula (3.4) with β_t = γ√t/2)
  const x = state.proxCenter - (Math.sqrt(t) / gamma) * gAvg;
  // x̄_t = (1 − t^−κ) x̄_{t−1} + t^−κ x_t
  const weight = t ** -kappa;
  const xAvg = (1 - weight) * state.xAvg + weight * x;
  return { x, xAvg, gAvg, t, proxCenter: state.proxCenter };
}
