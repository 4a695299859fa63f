/**
 * Seeded random streams that give the same numbers on every machine and in every JavaScript
 * runtime (Node, worker threads, browsers): 32-bit integer arithmetic only.
 *
 * The generator is xoshiro128** (Blackman & Vigna). Streams are derived from a seed and a stream
 * index through splitmix32-style hashing, so chain `k` of a fit and fold `i` of a k-fold run get
 * independent, reproducible sequences without any shared state.
 */
export interface RandomStream {
  /** Uniform on [0, 1) with 32 bits of resolution. */
  uniform(): number;
  /** Standard normal (Marsaglia polar method; the spare value is kept). */
  normal(): number;
  /** Uniform integer in [0, n). */
  integer(n: number): number;
}

function mix32(x: number): number {
  // splitmix32 finaliser: a bijective avalanche on 32-bit integers.
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x21f0aaad);
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97);
  return (x ^ (x >>> 15)) >>> 0;
}

/** Creates the stream for (`seed`, `stream`). Equal arguments give equal sequences. */
export function createRandomStream(seed: number, stream = 0): RandomStream {
  if (!Number.isInteger(seed) || !Number.isInteger(stream)) {
    throw new TypeError(`seed and stream must be integers, got ${seed} and ${stream}`);
  }
  let s0 = mix32(seed ^ 0x5bd1e995);
  let s1 = mix32(s0 ^ stream);
  let s2 = mix32(s1 + 0x68e31da4);
  let s3 = mix32(s2 ^ (stream * 0x1b873593));
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;

  const next = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };

  let spare: number | undefined;
  const uniform = (): number => next() / 4294967296;

  return {
    uniform,
    normal(): number {
      if (spare !== undefined) {
        const value = spare;
        spare = undefined;
        return value;
      }
      let u: number;
      let v: number;
      let s: number;
      do {
        u = 2 * uniform() - 1;
        v = 2 * uniform() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const factor = Math.sqrt((-2 * Math.log(s)) / s);
      spare = v * factor;
      return u * factor;
    },
    integer(n: number): number {
      return Math.floor(uniform() * n);
    },
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Fisher–Yates permutation of 0..n-1 drawn from `rng`. */
export function randomPermutation(n: number, rng: RandomStream): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.integer(i + 1);
    const tmp = order[i]!;
    order[i] = order[j]!;
    order[j] = tmp;
  }
  return order;
}
