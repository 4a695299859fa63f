/** Messages between the pool and its workers: a group of chain tasks in, their results (or an error) out. */
import type { ChainResult, ChainTask } from "../chain.js";

export interface TaskMessage {
  readonly id: number;
  readonly tasks: readonly ChainTask[];
}

export type ResultMessage =
  | { readonly id: number; readonly results: ChainResult[] }
  | { readonly id: number; readonly error: string };

/** The buffers of results, handed over to the receiving thread instead of copied. */
export function transferablesOf(results: readonly ChainResult[]): ArrayBuffer[] {
  return results.flatMap((result) =>
    [result.draws.buffer, result.initialPosition.buffer, result.inverseMass.buffer, result.treeDepthCounts.buffer] as ArrayBuffer[]);
}
