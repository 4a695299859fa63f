/**
 * One NUTS transition: draw a momentum, grow a trajectory by doubling until it turns, diverges or
 * reaches the maximum depth, and move to its multinomially chosen proposal.
 */
import type { RandomStream } from "@prefdissect/shared";
import { copyPosition, type PhasePoint } from "./integrator.js";
import { kineticEnergy, sampleMomentum, type DiagonalMetric } from "./metric.js";
import { buildSubtree, initTrajectory, mergeSubtree, type TrajectoryWorkspace } from "./trajectory.js";

/** What one transition did (numpyro's HMCState fields of the same meaning). */
export interface TransitionInfo {
  /** Mean of min(1, e^(−ΔH)) over the trajectory's new states: what dual averaging targets. */
  acceptProb: number;
  /** Number of doublings (tree depth). */
  depth: number;
  /** Number of leapfrog steps. */
  numSteps: number;
  diverging: boolean;
  /** H at the chosen state. */
  energy: number;
}

export function createTransitionInfo(): TransitionInfo {
  return { acceptProb: 0, depth: 0, numSteps: 0, diverging: false, energy: 0 };
}

/**
 * Moves `state` (position, gradient, potential; updated in place) by one NUTS transition and
 * writes what happened into `info`. A generator that yields at every leapfrog step, between its
 * two halves (see `buildSubtree`); whoever drives it computes the batch's gradients before
 * resuming it (`runChains` in chain.ts).
 */
export function* nutsTransition(
  ws: TrajectoryWorkspace,
  metric: DiagonalMetric,
  stepSize: number,
  maxTreeDepth: number,
  state: PhasePoint,
  rng: RandomStream,
  info: TransitionInfo,
): Generator<void, void, void> {
  const inverseMass = metric.inverseMass;
  sampleMomentum(metric, rng, state.r);
  const initialEnergy = state.potential + kineticEnergy(inverseMass, state.r);
  initTrajectory(ws, state, initialEnergy);
  const top = ws.top;
  while (top.depth < maxTreeDepth && !top.turning && !top.diverging) {
    const goingRight = rng.uniform() < 0.5;
    yield* buildSubtree(ws, inverseMass, stepSize, goingRight, initialEnergy, rng);
    mergeSubtree(ws, inverseMass, goingRight, rng);
  }
  copyPosition(top.proposal, state);
  info.acceptProb = top.numProposals > 0 ? top.sumAcceptProbs / top.numProposals : 0;
  info.depth = top.depth;
  info.numSteps = top.numProposals;
  info.diverging = top.diverging;
  info.energy = top.proposalEnergy;
}
