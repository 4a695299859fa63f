/**
 * Markov chains from start to finish: initial point, warm-up with adaptation, kept draws.
 * A chain is a pure function of (data, prior scale, settings, seed, stream), which is what makes
 * a fit identical whether its chains run in this thread, together, or spread over a worker pool.
 */
import { createRandomStream } from "@prefdissect/shared";
import type { SparseDesign } from "./design.js";
import { LogisticLaplacePotential } from "./model/potential.js";
import { buildWarmupAdapter } from "./nuts/adaptation/window.js";
import type { BatchedPotential } from "./nuts/batched-potential.js";
import { createPhasePoint } from "./nuts/integrator.js";
import { createTrajectoryWorkspace } from "./nuts/trajectory.js";
import { createTransitionInfo, nutsTransition } from "./nuts/transition.js";
import type { SamplerSettings } from "./settings.js";
import { LANES } from "./wasm/wasm-layout.js";

/** Everything a chain depends on; plain data, so it can be posted to a worker. */
export interface ChainTask {
  readonly design: SparseDesign;
  readonly scale: number;
  readonly settings: SamplerSettings;
  readonly seed: number;
  /** Random stream index of this chain (see streams.ts). */
  readonly stream: number;
}

/** What a chain returns: its kept draws and how the sampler behaved. */
export interface ChainResult {
  /** samples × dim kept positions, draw after draw. */
  readonly draws: Float64Array;
  readonly samples: number;
  readonly dim: number;
  /** Position the chain started from. */
  readonly initialPosition: Float64Array;
  /** Step size after warm-up. */
  readonly stepSize: number;
  /** Diagonal M⁻¹ after warm-up. */
  readonly inverseMass: Float64Array;
  /** Mean acceptance statistic over the kept draws. */
  readonly meanAcceptProb: number;
  /** Divergent transitions among the kept draws. */
  readonly divergences: number;
  /** Divergent transitions during warm-up (expected early on; not a warning). */
  readonly warmupDivergences: number;
  /** treeDepthCounts[k] = kept transitions whose trajectory doubled k times. */
  readonly treeDepthCounts: Int32Array;
  /** Leapfrog steps (= gradient evaluations) over the kept draws. */
  readonly samplingSteps: number;
  /** All gradient evaluations of the chain, warm-up and step-size searches included. */
  readonly gradientEvaluations: number;
}

/**
 * Runs chain tasks and returns their results in order. Chains that share a design and prior scale
 * run together, up to four at a time, each on its own lane of one WebAssembly kernel: every chain
 * advances to its next leapfrog step, then one pass computes all their gradients. A chain's draws
 * do not depend on which chains share its kernel or on its lane (the kernel's lanes never mix), so
 * they are the same alone, in a group, or in a worker of the pool.
 */
export function runChains(tasks: readonly ChainTask[]): ChainResult[] {
  const results = new Array<ChainResult>(tasks.length);
  for (const group of groupChainTasks(tasks)) {
    const first = tasks[group[0]!]!;
    const potentials = LogisticLaplacePotential.forChains(first.design, first.scale, group.length);
    const runs = group.map((t, lane) => chainSteps(tasks[t]!, potentials[lane]!));
    const finished = new Array<boolean>(runs.length).fill(false);
    let running = runs.length;
    while (running > 0) {
      for (let lane = 0; lane < runs.length; lane++) {
        if (finished[lane]) continue;
        const step = runs[lane]!.next();
        if (step.done) {
          results[group[lane]!] = step.value;
          finished[lane] = true;
          running--;
        }
      }
      // Every chain still running now waits at a begun leapfrog step.
      const batch = potentials[0]!.batch;
      if (batch.pending) batch.computeGradients();
    }
  }
  return results;
}

/** One chain on its own (see `runChains`). */
export function runChain(task: ChainTask): ChainResult {
  return runChains([task])[0]!;
}

/**
 * Splits tasks into groups that can share a kernel: runs of consecutive tasks with the same design
 * object and prior scale, at most four (the kernel's lanes) per group. Indices into `tasks`.
 */
export function groupChainTasks(tasks: readonly ChainTask[]): number[][] {
  const groups: number[][] = [];
  let current: number[] = [];
  tasks.forEach((task, t) => {
    const head = current.length > 0 ? tasks[current[0]!]! : undefined;
    if (head !== undefined && (head.design !== task.design || head.scale !== task.scale || current.length === LANES)) {
      groups.push(current);
      current = [];
    }
    current.push(t);
  });
  if (current.length > 0) groups.push(current);
  return groups;
}

/**
 * A chain from start to finish as a generator that yields at every leapfrog step of its
 * trajectories, waiting for the shared gradient pass (see `runChains`), and returns the chain's result.
 */
function* chainSteps(task: ChainTask, potential: BatchedPotential): Generator<void, ChainResult, void> {
  const { settings } = task;
  const rng = createRandomStream(task.seed, task.stream);
  const dim = potential.dim;

  const state = createPhasePoint(dim);
  for (let j = 0; j < dim; j++) state.z[j] = (2 * rng.uniform() - 1) * settings.initRadius;
  const initialPosition = Float64Array.from(state.z);
  state.potential = potential.evaluate(state.z, state.grad);

  const ws = createTrajectoryWorkspace(potential, settings.maxTreeDepth, settings.maxDeltaEnergy);
  const info = createTransitionInfo();
  const adapter = buildWarmupAdapter(potential, settings.warmup, settings.targetAcceptRate);
  const tuning = adapter.init(state, rng);
  let warmupDivergences = 0;
  for (let t = 0; t < settings.warmup; t++) {
    yield* nutsTransition(ws, tuning.metric, tuning.stepSize, settings.maxTreeDepth, state, rng, info);
    if (info.diverging) warmupDivergences++;
    adapter.update(t, info.acceptProb, state, tuning, rng);
  }

  const { metric, stepSize } = tuning;
  const draws = new Float64Array(settings.samples * dim);
  const treeDepthCounts = new Int32Array(settings.maxTreeDepth + 1);
  let acceptSum = 0;
  let divergences = 0;
  let samplingSteps = 0;
  for (let s = 0; s < settings.samples; s++) {
    yield* nutsTransition(ws, metric, stepSize, settings.maxTreeDepth, state, rng, info);
    draws.set(state.z, s * dim);
    acceptSum += info.acceptProb;
    if (info.diverging) divergences++;
    treeDepthCounts[info.depth] = treeDepthCounts[info.depth]! + 1;
    samplingSteps += info.numSteps;
  }
  return {
    draws,
    samples: settings.samples,
    dim,
    initialPosition,
    stepSize,
    inverseMass: Float64Array.from(metric.inverseMass),
    meanAcceptProb: acceptSum / settings.samples,
    divergences,
    warmupDivergences,
    treeDepthCounts,
    samplingSteps,
    gradientEvaluations: potential.evaluations,
  };
}
