/**
 * Which random stream each piece of randomness uses, so that results depend only on the seed:
 * chain c of a plain fit uses stream c, chain c of fold i of a k-fold run uses stream
 * (i + 1)·STREAM_STRIDE + c, and the k-fold row permutation has a stream of its own.
 */
export const MAX_CHAINS = 64;
const STREAM_STRIDE = MAX_CHAINS;
export const PERMUTATION_STREAM = 0x7fff_0000;

export function chainStream(chain: number, fold?: number): number {
  return fold === undefined ? chain : (fold + 1) * STREAM_STRIDE + chain;
}
