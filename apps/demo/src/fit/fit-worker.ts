/** A Web Worker that runs the fit jobs of an added judge (refit's `runJudgeFitJob`) one at a time. */
import { runJudgeFitJob, type JudgeFitJob } from "@prefdissect/refit";
import type { FitReply } from "./protocol.js";

self.onmessage = (event: MessageEvent<JudgeFitJob>) => {
  let reply: FitReply;
  try {
    reply = { ok: true, result: runJudgeFitJob(event.data) };
  } catch (error) {
    reply = { ok: false, message: (error as Error).message };
  }
  postMessage(reply);
};
