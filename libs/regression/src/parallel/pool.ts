/**
 * A pool of worker threads that runs chain tasks and posterior-mode fits. Fits and k-fold runs are split into their chain
 * tasks (the same ones `fitPosterior` runs in-thread), the tasks into groups that share a kernel
 * (up to four chains of one design, `groupChainTasks`), each group runs in one worker, and the
 * results are summarised on the calling thread, so a pooled result is identical to a single-thread
 * one for the same seed. A fit's four chains are one group: spreading them over workers would not
 * make it faster, since one gradient pass serves four chains at the cost of one. A posterior-mode
 * fit is one job on one worker (`fitMode`), so the independent fits of a k-fold refit use every core.
 *
 * The worker script is `worker.js` next to this file in the built package; when this file is
 * itself a TypeScript source (tests, tsx), the worker is started from `worker.ts` (see startWorker).
 */
import { availableParallelism } from "node:os";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { groupChainTasks, type ChainResult, type ChainTask } from "../chain.js";
import { planFit, type FitOptions } from "../fit.js";
import { combineFolds, planKFoldFits, type KFoldFit, type KFoldOptions } from "../kfold.js";
import type { ModeOptions, PosteriorMode } from "../mode.js";
import { asValidProblem, type Problem } from "../problem.js";
import { summarizeChains, type PosteriorFit } from "../summary.js";
import { packModeTask, type ResultMessage, type TaskMessage } from "./protocol.js";

export interface FitPoolOptions {
  /** Number of worker threads (default: the number of cores). */
  readonly workers?: number;
}

/** A worker pool for fits; close it when done. */
export interface FitPool {
  readonly size: number;
  /** Like `fitPosterior`, on a worker (its chains share one kernel). */
  fit(problem: Problem, options?: FitOptions): Promise<PosteriorFit>;
  /** Like `fitKFold`, the folds spread over the workers. */
  fitKFold(problem: Problem, options?: KFoldOptions): Promise<KFoldFit>;
  /** Runs raw chain tasks (results in task order). */
  runChains(tasks: readonly ChainTask[]): Promise<ChainResult[]>;
  /** Like `fitPosteriorMode`, on a worker; the problem is checked on this thread. */
  fitMode(problem: Problem, options?: ModeOptions): Promise<PosteriorMode>;
  /** Stops the workers; pending tasks are rejected. */
  close(): Promise<void>;
}

/** A job for one worker: a group of chains that share a kernel (see `groupChainTasks`), or a mode fit. */
interface Pending {
  readonly message: TaskMessage;
  /** Buffers of the message handed over to the worker. */
  readonly transfer: readonly ArrayBuffer[];
  readonly resolve: (reply: Exclude<ResultMessage, { error: string }>) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Starts one worker. From built JavaScript this is plain `worker.js`. From TypeScript sources the
 * worker must load tsx first; `execArgv: ["--import", "tsx"]` does not reach worker threads on
 * Node 20, so a two-line bootstrap registers tsx's ESM hooks inside the worker and then imports
 * `worker.ts` (with the workspace's source condition, so sibling libraries resolve to sources too).
 */
function startWorker(): Worker {
  const fromSource = import.meta.url.endsWith(".ts");
  if (!fromSource) return new Worker(new URL("./worker.js", import.meta.url));
  const require = createRequire(import.meta.url);
  const tsxApi = new URL("dist/esm/api/index.mjs", pathToFileURL(require.resolve("tsx/package.json"))).href;
  const entry = new URL("./worker.ts", import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(bootstrap, { eval: true, execArgv: ["--conditions=@prefdissect/source"] });
}

export function createFitPool(options: FitPoolOptions = {}): FitPool {
  const size = options.workers ?? availableParallelism();
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`workers must be a whole number ≥ 1, got ${size}`);
  const queue: Pending[] = [];
  const busy = new Map<Worker, Pending>();
  const idle: Worker[] = [];
  let closed = false;

  const dispatch = (): void => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop()!;
      const job = queue.shift()!;
      try {
        // One message, so the group's tasks still share their design object in the worker.
        worker.postMessage(job.message, [...job.transfer]);
      } catch (error) {
        // A task that cannot be posted (e.g. not cloneable) fails alone; the worker stays idle.
        idle.push(worker);
        job.reject(error as Error);
        continue;
      }
      busy.set(worker, job);
      worker.ref();
    }
  };

  let failure: Error | undefined;
  const addWorker = (): void => {
    const worker = startWorker();
    let healthy = false;
    worker.on("message", (message: ResultMessage) => {
      healthy = true;
      const job = busy.get(worker);
      busy.delete(worker);
      worker.unref();
      idle.push(worker);
      if (job !== undefined) {
        if ("error" in message) job.reject(new Error(`${"mode" in job.message ? "posterior-mode fit" : "chain task"} failed in a worker: ${message.error}`));
        else job.resolve(message);
      }
      dispatch();
    });
    worker.on("error", (error) => {
      const job = busy.get(worker);
      busy.delete(worker);
      job?.reject(error);
      if (closed) return;
      if (healthy) {
        // A worker that has worked before died on one task: replace it and carry on.
        addWorker();
        dispatch();
      } else {
        // A worker that never ran a task cannot start at all: fail everything instead of respawning forever.
        failure = error;
        for (const waiting of queue.splice(0)) waiting.reject(error);
      }
    });
    worker.unref();
    idle.push(worker);
  };
  for (let i = 0; i < size; i++) addWorker();

  const unavailable = (): Error | undefined => (closed ? new Error("the fit pool is closed") : failure);

  const runChains = (tasks: readonly ChainTask[]): Promise<ChainResult[]> => {
    const refused = unavailable();
    if (refused !== undefined) return Promise.reject(refused);
    const groups = groupChainTasks(tasks);
    const promises = groups.map(
      (group) =>
        new Promise<ChainResult[]>((resolve, reject) => {
          const message = { tasks: group.map((t) => tasks[t]!) };
          queue.push({ message, transfer: [], resolve: (reply) => resolve((reply as { results: ChainResult[] }).results), reject });
        }),
    );
    const all = Promise.all(promises).then((perGroup) => {
      const results = new Array<ChainResult>(tasks.length);
      groups.forEach((group, g) => group.forEach((t, k) => (results[t] = perGroup[g]![k]!)));
      return results;
    });
    dispatch();
    return all;
  };

  const fitMode = async (problem: Problem, modeOptions: ModeOptions = {}): Promise<PosteriorMode> => {
    const refused = unavailable();
    if (refused !== undefined) throw refused;
    const valid = asValidProblem(problem);
    const task = packModeTask(valid.X, valid.y, valid.dim, modeOptions);
    const done = new Promise<PosteriorMode>((resolve, reject) => {
      queue.push({
        message: { mode: task },
        transfer: [task.X.buffer as ArrayBuffer, task.y.buffer as ArrayBuffer],
        resolve: (reply) => resolve((reply as { mode: PosteriorMode }).mode),
        reject,
      });
    });
    dispatch();
    return await done;
  };

  return {
    size,
    runChains,
    fitMode,
    async fit(problem, fitOptions = {}) {
      const plan = planFit(asValidProblem(problem), fitOptions);
      return summarizeChains(await runChains(plan.tasks), plan.echo, plan.keepDraws);
    },
    async fitKFold(problem, kfoldOptions = {}) {
      const { permutation, folds, plans } = planKFoldFits(asValidProblem(problem), kfoldOptions);
      let done = 0;
      const fits = await Promise.all(
        plans.map(async (plan) => {
          const fit = summarizeChains(await runChains(plan.tasks), plan.echo, plan.keepDraws);
          kfoldOptions.onFold?.(++done, plans.length);
          return fit;
        }),
      );
      return combineFolds(folds, fits, permutation);
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error("the fit pool was closed"));
      const workers = [...idle, ...busy.keys()];
      for (const job of busy.values()) job.reject(new Error("the fit pool was closed"));
      busy.clear();
      idle.length = 0;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
