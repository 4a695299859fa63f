/**
 * Worker-thread entry of the fit pool: runs groups of chain tasks as they arrive. The chain code is
 * the same `runChains` the single-thread path uses, so results are identical.
 */
import { parentPort } from "node:worker_threads";
import { runChains } from "../chain.js";
import { transferablesOf, type ResultMessage, type TaskMessage } from "./protocol.js";

const port = parentPort;
if (port === null) throw new Error("parallel/worker.ts must run in a worker thread");

port.on("message", ({ tasks }: TaskMessage) => {
  let reply: ResultMessage;
  try {
    const results = runChains(tasks);
    port.postMessage({ results } satisfies ResultMessage, transferablesOf(results));
    return;
  } catch (error) {
    reply = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(reply);
});
