/**
 * Building a NUTS trajectory progressively (numpyro's iterative scheme, the non-recursive form of
 * Hoffman & Gelman's Algorithm 6 with multinomial sampling as in Stan).
 *
 * The trajectory doubles until it turns, diverges or reaches the maximum depth. Each doubling
 * builds a new subtree of the same size, leaf by leaf, in a random direction:
 *   - inside the subtree, each new leaf replaces the subtree's proposal with probability
 *     w_leaf / (w_subtree + w_leaf) (uniform progressive sampling), and the balanced
 *     sub-subtrees ending at the new leaf are checked for U-turns (termination.ts);
 *   - the finished subtree replaces the trajectory's proposal with probability
 *     min(1, w_subtree / w_old) (biased progressive sampling), unless it turned or diverged, and the
 *     whole trajectory is checked for a U-turn.
 *
 * Performance over purity: trees are sets of preallocated buffers mutated in place (see
 * integrator.ts); one `TrajectoryWorkspace` per chain holds all of them. A new leaf becomes a
 * subtree's end, and a finished subtree's end the trajectory's, by swapping phase-point objects
 * (the old end's buffers become the next scratch) rather than copying three arrays per step; the
 * seven phase points of a workspace stay distinct objects, so no buffer is ever shared. The ends
 * and the spare leaf come from the potential (they may live in a WebAssembly kernel's memory);
 * proposals, which are only copied into, are plain arrays.
 */
import type { RandomStream } from "@prefdissect/shared";
import type { BatchedPotential, SubtreeTracker } from "./batched-potential.js";
import { copyPhasePoint, copyPosition, createPhasePoint, type PhasePoint } from "./integrator.js";
import { isTurning } from "./metric.js";
import { acceptProbability, energyError, mergeWeights, type WeightMerge } from "./proposal.js";
import { checkpointMax, checkpointMin } from "./termination.js";

/** A (sub)trajectory: its two ends, its proposal, momentum sum and bookkeeping. */
export interface Tree {
  /** The ends (swapped, never shared, with the workspace's other phase points). */
  left: PhasePoint;
  right: PhasePoint;
  /** The state this tree would move to (position, gradient, potential). */
  readonly proposal: PhasePoint;
  /** H of the proposal. */
  proposalEnergy: number;
  /** Sum of the momenta of all states in the tree. */
  readonly rSum: Float64Array;
  /** log Σ e^(−ΔH) over the tree's states. */
  weight: number;
  /** Number of doublings so far (top level) or the depth being built (subtree). */
  depth: number;
  turning: boolean;
  diverging: boolean;
  /** Σ min(1, e^(−ΔH)) over the new states, for the acceptance statistic. */
  sumAcceptProbs: number;
  /** Number of new states (leapfrog steps). */
  numProposals: number;
}

function createTree(potential: BatchedPotential, rSum: Float64Array): Tree {
  return {
    left: potential.createPhasePoint(),
    right: potential.createPhasePoint(),
    proposal: createPhasePoint(potential.dim),
    proposalEnergy: 0,
    rSum,
    weight: 0,
    depth: 0,
    turning: false,
    diverging: false,
    sumAcceptProbs: 0,
    numProposals: 0,
  };
}

/** Everything one chain needs to build trajectories, allocated once. */
export interface TrajectoryWorkspace {
  readonly potential: BatchedPotential;
  readonly top: Tree;
  readonly sub: Tree;
  /** Where the next leapfrog step writes (a spare phase point, swapped with a tree end). */
  leaf: PhasePoint;
  /** The subtree's momentum sum (`sub.rSum`) and U-turn checkpoints. */
  readonly subtree: SubtreeTracker;
  readonly maxDeltaEnergy: number;
  /** Scratch for `mergeWeights` (a reused object rather than a fresh result per leaf). */
  readonly merge: WeightMerge;
}

export function createTrajectoryWorkspace(potential: BatchedPotential, maxTreeDepth: number, maxDeltaEnergy: number): TrajectoryWorkspace {
  const subtree = potential.createSubtreeTracker(Math.max(1, maxTreeDepth));
  return {
    potential,
    top: createTree(potential, new Float64Array(potential.dim)),
    sub: createTree(potential, subtree.rSum),
    leaf: potential.createPhasePoint(),
    subtree,
    maxDeltaEnergy,
    merge: { weight: 0, takeNew: false },
  };
}

/** Starts the top-level tree at `start` (with its momentum already drawn) and energy `energy`. */
export function initTrajectory(ws: TrajectoryWorkspace, start: PhasePoint, energy: number): void {
  const top = ws.top;
  copyPhasePoint(start, top.left);
  copyPhasePoint(start, top.right);
  copyPosition(start, top.proposal);
  top.proposalEnergy = energy;
  top.rSum.set(start.r);
  top.weight = 0;
  top.depth = 0;
  top.turning = false;
  top.diverging = false;
  top.sumAcceptProbs = 0;
  top.numProposals = 0;
}

/**
 * Builds `ws.sub`: 2^depth new states continuing `ws.top` in one direction, stopping early at a
 * U-turn or divergence inside it. A generator so that chains sharing a gradient batch can take
 * their steps together: it yields between the two halves of each leapfrog step, and whoever drives
 * it runs the batch's `computeGradients` before resuming it (see chain.ts).
 */
export function* buildSubtree(
  ws: TrajectoryWorkspace,
  inverseMass: Float64Array,
  stepSize: number,
  goingRight: boolean,
  initialEnergy: number,
  rng: RandomStream,
): Generator<void, void, void> {
  const { top, sub, subtree, potential, maxDeltaEnergy, merge } = ws;
  const maxProposals = 2 ** top.depth;
  const signedStep = goingRight ? stepSize : -stepSize;
  sub.depth = top.depth;
  sub.numProposals = 0;
  sub.sumAcceptProbs = 0;
  sub.turning = false;
  sub.diverging = false;
  while (sub.numProposals < maxProposals && !sub.turning && !sub.diverging) {
    const leafIndex = sub.numProposals;
    const from = leafIndex === 0 ? (goingRight ? top.right : top.left) : goingRight ? sub.right : sub.left;
    const leaf = ws.leaf;
    potential.beginLeapfrogStep(from, leaf, signedStep, inverseMass);
    yield;
    const kinetic = potential.finishLeapfrogStep(leaf, signedStep, inverseMass);
    // Read after the step, which sets leaf.potential.
    const energy = leaf.potential + kinetic;
    const delta = energyError(energy, initialEnergy);
    const leafWeight = -delta;
    // The leaf becomes the subtree's end on the side it grows; the old end is the next scratch.
    if (goingRight) {
      ws.leaf = sub.right;
      sub.right = leaf;
    } else {
      ws.leaf = sub.left;
      sub.left = leaf;
    }
    if (leafIndex === 0) {
      copyPhasePoint(leaf, goingRight ? sub.left : sub.right);
      copyPosition(leaf, sub.proposal);
      sub.proposalEnergy = energy;
      sub.weight = leafWeight;
    } else {
      mergeWeights(sub.weight, leafWeight, rng.uniform(), false, false, merge);
      if (merge.takeNew) {
        copyPosition(leaf, sub.proposal);
        sub.proposalEnergy = energy;
      }
      sub.weight = merge.weight;
    }
    sub.diverging = delta > maxDeltaEnergy;
    sub.sumAcceptProbs += acceptProbability(delta);
    sub.numProposals++;

    const idxMax = checkpointMax(leafIndex);
    const idxMin = checkpointMin(leafIndex);
    sub.turning = subtree.addLeaf(leaf, leafIndex, idxMin, idxMax, inverseMass);
  }
}

/** Appends `ws.sub` to `ws.top` on the side it was built, with biased progressive sampling. */
export function mergeSubtree(ws: TrajectoryWorkspace, inverseMass: Float64Array, goingRight: boolean, rng: RandomStream): void {
  const { top, sub, merge } = ws;
  // Swap rather than copy: the subtree is rebuilt from scratch before its ends are read again.
  if (goingRight) {
    const end = top.right;
    top.right = sub.right;
    sub.right = end;
  } else {
    const end = top.left;
    top.left = sub.left;
    sub.left = end;
  }
  const rSum = top.rSum;
  for (let j = 0; j < rSum.length; j++) rSum[j] = rSum[j]! + sub.rSum[j]!;
  mergeWeights(top.weight, sub.weight, rng.uniform(), true, sub.turning || sub.diverging, merge);
  if (merge.takeNew) {
    copyPosition(sub.proposal, top.proposal);
    top.proposalEnergy = sub.proposalEnergy;
  }
  top.turning = sub.turning || isTurning(inverseMass, top.left.r, top.right.r, rSum);
  top.diverging = sub.diverging;
  top.weight = merge.weight;
  top.depth++;
  top.sumAcceptProbs += sub.sumAcceptProbs;
  top.numProposals += sub.numProposals;
}
