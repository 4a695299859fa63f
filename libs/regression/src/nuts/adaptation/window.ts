/**
 * numpyro's warm-up adapter (`warmup_adapter`) for a diagonal mass matrix: dual averaging of the
 * step size on every warm-up iteration; in the slow windows the positions feed a Welford
 * accumulator, and at the end of each slow window M⁻¹ is replaced by the regularised variance, a
 * reasonable step size is searched for afresh and dual averaging restarts around 10× it. The last
 * warm-up iteration switches to the averaged step size x̄.
 */
import type { RandomStream } from "@prefdissect/shared";
import { TARGET_ACCEPT_RATE } from "../../defaults.js";
import type { BatchedPotential } from "../batched-potential.js";
import { copyPosition, type PhasePoint } from "../integrator.js";
import { createDiagonalMetric, identityMetric, type DiagonalMetric } from "../metric.js";
import { initDualAveraging, updateDualAveraging, type DualAveragingState } from "./dual-averaging.js";
import { buildAdaptationSchedule, type AdaptWindow } from "./schedule.js";
import { findReasonableStepSize, MAX_STEP_SIZE, MIN_STEP_SIZE } from "./step-size.js";
import { createWelford, finalizeWelford, resetWelford, updateWelford, type WelfordAccumulator } from "./welford.js";

/** Current tuning of one chain during warm-up. */
export interface WarmupState {
  stepSize: number;
  metric: DiagonalMetric;
  dualAveraging: DualAveragingState;
  readonly welford: WelfordAccumulator;
  windowIndex: number;
}

export interface WarmupAdapter {
  readonly schedule: readonly AdaptWindow[];
  init(start: PhasePoint, rng: RandomStream): WarmupState;
  /** Called after warm-up transition `t` (0-based) with its acceptance statistic and new state. */
  update(t: number, acceptProb: number, current: PhasePoint, state: WarmupState, rng: RandomStream): void;
}

export function buildWarmupAdapter(potential: BatchedPotential, numSteps: number, targetAcceptRate = TARGET_ACCEPT_RATE): WarmupAdapter {
  const schedule = buildAdaptationSchedule(numSteps);
  const numWindows = schedule.length;
  const scratch: PhasePoint = potential.createPhasePoint();
  // The step-size search draws momenta into the start point's buffer; use a copy of the point.
  const probe: PhasePoint = potential.createPhasePoint();
  const reasonableStepSize = (metric: DiagonalMetric, initial: number, at: PhasePoint, rng: RandomStream): number => {
    copyPosition(at, probe);
    return findReasonableStepSize(potential, metric, initial, probe, scratch, rng);
  };

  return {
    schedule,
    init(start, rng) {
      const metric = identityMetric(potential.dim);
      const stepSize = reasonableStepSize(metric, 1, start, rng);
      return {
        stepSize,
        metric,
        dualAveraging: initDualAveraging(Math.log(10 * stepSize)),
        welford: createWelford(potential.dim),
        windowIndex: 0,
      };
    },
    update(t, acceptProb, current, state, rng) {
      state.dualAveraging = updateDualAveraging(targetAcceptRate - acceptProb, state.dualAveraging);
      const logStep = t === numSteps - 1 ? state.dualAveraging.xAvg : state.dualAveraging.x;
      state.stepSize = Math.min(Math.max(Math.exp(logStep), MIN_STEP_SIZE), MAX_STEP_SIZE);

      const window = state.windowIndex;
      const isSlowWindow = window > 0 && window < numWindows - 1;
      if (isSlowWindow) updateWelford(state.welford, current.z);
      const atWindowEnd = t === schedule[window]?.end;
      if (atWindowEnd) state.windowIndex = window + 1;
      if (atWindowEnd && isSlowWindow) {
        state.metric = createDiagonalMetric(finalizeWelford(state.welford));
        resetWelford(state.welford);
        state.stepSize = reasonableStepSize(state.metric, state.stepSize, current, rng);
        state.dualAveraging = initDualAveraging(Math.log(10) + Math.log(state.stepSize));
      }
    },
  };
}
