/**
 * A pool of Web Workers that runs fit jobs for `fitJudge` (refit's JudgeFitRunner): one job per
 * worker at a time, as many workers as the machine has cores (at most 8). `stop()` terminates the
 * workers, which is how a cancelled fit stops the job it is in the middle of.
 */
import type { JudgeFitJob, JudgeFitJobResult, JudgeFitRunner } from "@prefdissect/refit";
import type { FitReply } from "./protocol.js";

export interface WorkerPool extends JudgeFitRunner {
  stop(): void;
}

/** Workers used for fits: one per core, at most 8 (the page's thread only hands out jobs). */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(8, navigator.hardwareConcurrency || 2));
}

export function createWorkerPool(size = defaultWorkerCount()): WorkerPool {
  const idle: Worker[] = [];
  const all: Worker[] = [];
  const waiting: ((worker: Worker) => void)[] = [];
  let stopped = false;

  const take = (): Promise<Worker> => {
    const worker = idle.pop();
    if (worker !== undefined) return Promise.resolve(worker);
    if (all.length < size) {
      const created = new Worker(new URL("./fit-worker.ts", import.meta.url), { type: "module" });
      all.push(created);
      return Promise.resolve(created);
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const give = (worker: Worker) => {
    const next = waiting.shift();
    if (next) next(worker);
    else idle.push(worker);
  };

  return {
    concurrency: size,
    async run(job: JudgeFitJob): Promise<JudgeFitJobResult> {
      if (stopped) throw new Error("the fit was stopped");
      const worker = await take();
      try {
        return await new Promise<JudgeFitJobResult>((resolve, reject) => {
          worker.onmessage = (event: MessageEvent<FitReply>) => (event.data.ok ? resolve(event.data.result) : reject(new Error(event.data.message)));
          worker.onerror = (event) => {
            event.preventDefault();
            reject(new Error(event.message || "a fit worker stopped unexpectedly"));
          };
          worker.postMessage(job);
        });
      } finally {
        if (!stopped) give(worker);
      }
    },
    stop() {
      stopped = true;
      for (const worker of all) worker.terminate();
      all.length = 0;
      idle.length = 0;
    },
  };
}
