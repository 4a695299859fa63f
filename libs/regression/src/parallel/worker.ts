/**
 * Worker-thread entry of the fit pool: runs groups of chain tasks and posterior-mode fits as they
 * arrive. The code is the same `runChains` and `fitPosteriorMode` the single-thread path uses, so
 * results are identical.
 */
import { parentPort } from "node:worker_threads";
import { runChains } from "../chain.js";
import { fitPosteriorMode } from "../mode.js";
import { transferablesOf, unpackModeTask, type ResultMessage, type TaskMessage } from "./protocol.js";

const port = parentPort;
if (port === null) throw new Error("parallel/worker.ts must run in a worker thread");

port.on("message", (message: TaskMessage) => {
  let reply: ResultMessage;
  try {
    if ("mode" in message) {
      port.postMessage({ mode: fitPosteriorMode(unpackModeTask(message.mode), message.mode.options) } satisfies ResultMessage);
      return;
    }
    const results = runChains(message.tasks);
    port.postMessage({ results } satisfies ResultMessage, transferablesOf(results));
    return;
  } catch (error) {
    reply = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(reply);
});
