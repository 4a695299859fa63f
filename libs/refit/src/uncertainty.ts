/**
 * Uncertainty that only a refit can show: credible intervals on every P(p), and intervals on
 * judge similarities propagated from posterior draws.
 *
 * Draws are the thinned posterior draws a fit keeps, pooled over its folds. A similarity interval
 * pairs draw s of one judge with draw s of the other (their posteriors are independent fits),
 * computes the scenario-averaged Pearson for every s, and reports quantiles of that distribution.
 */
import { degreeOfPreference } from "@prefdissect/similarity";

/** Draws of one fit: `draws[s][k]` is weight k in draw s. */
export type Draws = readonly (readonly number[])[];

/**
 * Pearson correlation without allocation. The interval loop evaluates it millions of times, where
 * the general-purpose test statistic of the similarity library would dominate the run time; the
 * two agree to rounding (see the tests).
 */
export function fastPearson(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let k = 0; k < n; k++) {
    ma += a[k]!;
    mb += b[k]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let k = 0; k < n; k++) {
    const da = a[k]! - ma;
    const db = b[k]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return sab / Math.sqrt(saa * sbb);
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * q;
  const lo = Math.floor(position);
  const hi = Math.ceil(position);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (position - lo);
}

export interface Interval {
  readonly mean: number;
  readonly low: number;
  readonly high: number;
}

/** 90 % (default) credible interval of P(p) for every property, from a fit's draws. */
export function preferenceIntervals(draws: Draws, mass = 0.9): Interval[] {
  if (draws.length === 0) return [];
  const dim = draws[0]!.length;
  const tail = (1 - mass) / 2;
  return Array.from({ length: dim }, (_, k) => {
    const values = draws.map((d) => degreeOfPreference(d[k]!)).sort((a, b) => a - b);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    return { mean, low: quantile(values, tail), high: quantile(values, 1 - tail) };
  });
}

/**
 * Interval of the similarity of two judges: `a[g]` and `b[g]` are the draws of each judge in
 * scenario g (same order of scenarios). Uses as many draws as the shortest set holds.
 */
export function similarityInterval(a: readonly Draws[], b: readonly Draws[], mass = 0.9, maxDraws = 200): Interval {
  const count = Math.min(maxDraws, ...a.map((d) => d.length), ...b.map((d) => d.length));
  const values: number[] = [];
  for (let s = 0; s < count; s++) {
    let sum = 0;
    for (let g = 0; g < a.length; g++) sum += fastPearson(a[g]![s]!, b[g]![s]!);
    values.push(sum / a.length);
  }
  values.sort((x, y) => x - y);
  const tail = (1 - mass) / 2;
  return { mean: values.reduce((s, v) => s + v, 0) / values.length, low: quantile(values, tail), high: quantile(values, 1 - tail) };
}
