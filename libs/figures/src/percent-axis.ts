/**
 * The P(p) axis shared by the figures that plot degrees of preference: a domain in multiples of 5
 * that always shows the 45–55 band around the 50 % line, with a tick every 5 points.
 */

/** The domain covering every value from `lows` to `highs`, widened to multiples of 5 and to 45–55. */
export function percentDomain(lows: readonly number[], highs: readonly number[]): [number, number] {
  return [Math.floor(Math.min(45, ...lows) / 5) * 5, Math.ceil(Math.max(55, ...highs) / 5) * 5];
}

/** Tick values from `from` to `to` (inclusive) every `step`. */
export function axisTicks(from: number, to: number, step: number): number[] {
  return Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);
}
