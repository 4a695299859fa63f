/**
 * Messages between the pool and its workers: a group of chain tasks, or one posterior-mode fit, in;
 * their results (or an error) out. A worker has at most one job at a time, so a reply needs no id
 * to find its job.
 */
import type { ChainResult, ChainTask } from "../chain.js";
import type { ModeOptions, PosteriorMode } from "../mode.js";

/**
 * A posterior-mode fit: the problem's rows packed into one buffer (row-major, `dim` per row) that
 * is handed over rather than copied element by element, since a large problem's rows as arrays of
 * numbers are slow to clone.
 */
export interface ModeTask {
  readonly X: Float64Array;
  readonly dim: number;
  readonly y: Uint8Array;
  readonly options: ModeOptions;
}

export type TaskMessage = { readonly tasks: readonly ChainTask[] } | { readonly mode: ModeTask };

export type ResultMessage = { readonly results: ChainResult[] } | { readonly mode: PosteriorMode } | { readonly error: string };

/** The buffers of results, handed over to the receiving thread instead of copied. */
export function transferablesOf(results: readonly ChainResult[]): ArrayBuffer[] {
  return results.flatMap(
    (result) => [result.draws.buffer, result.initialPosition.buffer, result.inverseMass.buffer, result.treeDepthCounts.buffer] as ArrayBuffer[],
  );
}

/** A problem's rows and labels as a `ModeTask` (the rows must all have `dim` entries). */
export function packModeTask(X: readonly (readonly number[])[], y: readonly number[], dim: number, options: ModeOptions): ModeTask {
  const packed = new Float64Array(X.length * dim);
  X.forEach((row, i) => packed.set(row, i * dim));
  return { X: packed, dim, y: Uint8Array.from(y), options };
}

/** The rows and labels of a `ModeTask` as the arrays a `Problem` holds. */
export function unpackModeTask(task: ModeTask): { X: number[][]; y: number[] } {
  const X = Array.from({ length: task.y.length }, (_, i) => Array.from(task.X.subarray(i * task.dim, (i + 1) * task.dim)));
  return { X, y: Array.from(task.y) };
}
