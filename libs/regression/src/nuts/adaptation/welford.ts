/**
 * Welford's running mean and variance of the chain's positions in one slow warm-up window, and
 * Stan's regularisation of the resulting diagonal M⁻¹.
 *
 * The accumulator is a pair of mutable buffers updated once per warm-up iteration (an immutable
 * version would allocate two arrays per iteration for nothing).
 */
export interface WelfordAccumulator {
  readonly mean: Float64Array;
  readonly m2: Float64Array;
  count: number;
}

export function createWelford(dim: number): WelfordAccumulator {
  return { mean: new Float64Array(dim), m2: new Float64Array(dim), count: 0 };
}

export function resetWelford(acc: WelfordAccumulator): void {
  acc.mean.fill(0);
  acc.m2.fill(0);
  acc.count = 0;
}

export function updateWelford(acc: WelfordAccumulator, sample: Float64Array): void {
  acc.count++;
  const { mean, m2, count } = acc;
  for (let j = 0; j < mean.length; j++) {
    const before = sample[j]! - mean[j]!;
    mean[j] = mean[j]! + before / count;
    m2[j] = m2[j]! + before * (sample[j]! - mean[j]!);
  }
}

/**
 * The sample variance of each coordinate, shrunk as Stan does ("regularisation from Stan" in
 * numpyro): n/(n+5) · var + 1e-3 · 5/(n+5).
 */
export function finalizeWelford(acc: WelfordAccumulator): Float64Array {
  const n = acc.count;
  const out = new Float64Array(acc.mean.length);
  for (let j = 0; j < out.length; j++) {
    const variance = acc.m2[j]! / (n - 1);
    out[j] = (n / (n + 5)) * variance + 1e-3 * (5 / (n + 5));
  }
  return out;
}
