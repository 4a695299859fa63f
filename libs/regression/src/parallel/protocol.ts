/**
 * Messages between the pool and its workers: a group of chain tasks in, their results (or an error)
 * out. A worker has at most one group at a time, so a reply needs no id to find its group.
 */
import type { ChainResult, ChainTask } from "../chain.js";

export interface TaskMessage {
  readonly tasks: readonly ChainTask[];
}

export type ResultMessage = { readonly results: ChainResult[] } | { readonly error: string };

/** The buffers of results, handed over to the receiving thread instead of copied. */
export function transferablesOf(results: readonly ChainResult[]): ArrayBuffer[] {
  return results.flatMap(
    (result) => [result.draws.buffer, result.initialPosition.buffer, result.inverseMass.buffer, result.treeDepthCounts.buffer] as ArrayBuffer[],
  );
}
