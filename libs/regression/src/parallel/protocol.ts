/** Messages between the pool and its workers: one chain task in, one chain result (or error) out. */
import type { ChainResult, ChainTask } from "../chain.js";

export interface TaskMessage {
  readonly id: number;
  readonly task: ChainTask;
}

export type ResultMessage =
  | { readonly id: number; readonly result: ChainResult }
  | { readonly id: number; readonly error: string };

/** The buffers of a result, handed over to the receiving thread instead of copied. */
export function transferablesOf(result: ChainResult): ArrayBuffer[] {
  return [result.draws.buffer, result.initialPosition.buffer, result.inverseMass.buffer, result.treeDepthCounts.buffer] as ArrayBuffer[];
}
