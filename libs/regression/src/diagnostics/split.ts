/**
 * Chains × draws matrices for one quantity, their chain means (which R-hat and ESS both compare),
 * and splitting each chain in two halves (the first and last ⌊n/2⌋ draws; with an odd n the middle
 * draw is dropped, as ArviZ does).
 */

/** `chains` rows of `draws` values each, row-major. */
export interface ChainMatrix {
  readonly chains: number;
  readonly draws: number;
  readonly values: Float64Array;
}

/** The mean of each chain. */
export function chainMeans(m: ChainMatrix): Float64Array {
  const { chains, draws, values } = m;
  const means = new Float64Array(chains);
  for (let c = 0; c < chains; c++) {
    let sum = 0;
    for (let i = 0; i < draws; i++) sum += values[c * draws + i]!;
    means[c] = sum / draws;
  }
  return means;
}

/** Σ_c (mean_c − mean of the means)²: the between-chain sum of squares of R-hat and ESS. */
export function betweenChainSquares(means: Float64Array): number {
  let grand = 0;
  for (const mean of means) grand += mean;
  grand /= means.length;
  let squares = 0;
  for (const mean of means) squares += (mean - grand) ** 2;
  return squares;
}

export function splitChains(m: ChainMatrix): ChainMatrix {
  const half = Math.floor(m.draws / 2);
  const values = new Float64Array(2 * m.chains * half);
  for (let c = 0; c < m.chains; c++) {
    const row = m.values.subarray(c * m.draws, (c + 1) * m.draws);
    values.set(row.subarray(0, half), 2 * c * half);
    values.set(row.subarray(m.draws - half), (2 * c + 1) * half);
  }
  return { chains: 2 * m.chains, draws: half, values };
}
