/**
 * Worker-thread entry of the fit pool: runs chain tasks as they arrive. The chain code is the same
 * `runChain` the single-thread path uses, so results are identical.
 */
import { parentPort } from "node:worker_threads";
import { runChain } from "../chain.js";
import { transferablesOf, type ResultMessage, type TaskMessage } from "./protocol.js";

const port = parentPort;
if (port === null) throw new Error("parallel/worker.ts must run in a worker thread");

port.on("message", ({ id, task }: TaskMessage) => {
  let reply: ResultMessage;
  try {
    const result = runChain(task);
    port.postMessage({ id, result } satisfies ResultMessage, transferablesOf(result));
    return;
  } catch (error) {
    reply = { id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(reply);
});
