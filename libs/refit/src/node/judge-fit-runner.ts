/**
 * A `JudgeFitRunner` on the regression worker pool, for `pd refit` and `pd judge add`: a NUTS job's
 * chains run on a worker (they share one kernel there) and are summarised here; a posterior-mode
 * job is one fit on a worker, so the independent folds of a refit keep every core busy.
 */
import { summarizeChains } from "@prefdissect/regression";
import type { FitPool } from "@prefdissect/regression/node";
import type { JudgeFitRunner } from "../judge-fit.js";

export function poolJudgeFitRunner(pool: Pick<FitPool, "size" | "runChains" | "fitMode">): JudgeFitRunner {
  return {
    // Twice the workers, so a worker has its next job queued while this thread summarises and stores the last.
    concurrency: 2 * pool.size,
    async run(job) {
      if (job.kind === "mode") return { kind: "mode", weights: (await pool.fitMode({ X: job.X, y: job.y }, { scale: job.scale })).weights };
      return { kind: "nuts", fit: summarizeChains(await pool.runChains(job.plan.tasks), job.plan.echo, job.plan.keepDraws) };
    },
  };
}
