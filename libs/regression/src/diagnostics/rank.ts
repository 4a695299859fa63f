/**
 * Rank normalisation (Vehtari, Gelman, Simpson, Carpenter & Bürkner 2021): replace each draw by
 * Φ⁻¹((rank − 3/8) / (S + 1/4)) where ranks run over all chains together and ties get their
 * average rank (as scipy's rankdata and ArviZ do).
 */
import { normalQuantile } from "./normal-quantile.js";

/** Rank-normalised copy of `values` (all chains' draws of one quantity, in any layout). */
export function rankNormalize(values: Float64Array): Float64Array {
  const size = values.length;
  const order = new Int32Array(size);
  for (let i = 0; i < size; i++) order[i] = i;
  order.sort((a, b) => values[a]! - values[b]!);
  const out = new Float64Array(size);
  let i = 0;
  while (i < size) {
    let j = i;
    while (j + 1 < size && values[order[j + 1]!] === values[order[i]!]) j++;
    const averageRank = (i + j) / 2 + 1;
    const z = normalQuantile((averageRank - 0.375) / (size + 0.25));
    for (let k = i; k <= j; k++) out[order[k]!] = z;
    i = j + 1;
  }
  return out;
}
