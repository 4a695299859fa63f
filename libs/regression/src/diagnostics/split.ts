/**
 * Chains × draws matrices for one quantity, and splitting each chain in two halves (the first and
 * last ⌊n/2⌋ draws; with an odd n the middle draw is dropped, as ArviZ does).
 */

/** `chains` rows of `draws` values each, row-major. */
export interface ChainMatrix {
  readonly chains: number;
  readonly draws: number;
  readonly values: Float64Array;
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
