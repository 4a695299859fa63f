/**
 * `fitJudge` on Node's worker threads: a job's NUTS chains go to the fit pool (spread over its
 * workers, as `pd refit` runs them); a posterior-mode job takes milliseconds and runs here.
 */
import { summarizeChains } from "@prefdissect/regression";
import type { FitPool } from "@prefdissect/regression/node";
import { runJudgeFitJob, type JudgeFitRunner } from "../judge-fit.js";

export function poolJudgeFitRunner(pool: FitPool): JudgeFitRunner {
  return {
    concurrency: pool.size,
    run: async (job) => {
      if (job.kind === "mode") return runJudgeFitJob(job);
      return { kind: "nuts", fit: summarizeChains(await pool.runChains(job.plan.tasks), job.plan.echo, job.plan.keepDraws) };
    },
  };
}
