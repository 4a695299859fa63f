/**
 * Pearson correlation between the columns of a row-major matrix. A constant column (every pair
 * ties on that property, e.g. a query-specific feature in a small dataset) has no correlation;
 * it is reported as null rather than NaN so the rows stay valid JSON.
 */

/** `result[i][j]` = Pearson r of columns i and j, null when either column is constant. */
export function columnCorrelations(rows: readonly (readonly number[])[], columns: number): (number | null)[][] {
  const n = rows.length;
  const means = new Array<number>(columns).fill(0);
  for (const row of rows) for (let k = 0; k < columns; k++) means[k]! += row[k]!;
  for (let k = 0; k < columns; k++) means[k]! /= n;
  const cross = Array.from({ length: columns }, () => new Array<number>(columns).fill(0));
  for (const row of rows) {
    for (let i = 0; i < columns; i++) {
      const di = row[i]! - means[i]!;
      if (di === 0) continue;
      const line = cross[i]!;
      for (let j = i; j < columns; j++) line[j]! += di * (row[j]! - means[j]!);
    }
  }
  return Array.from({ length: columns }, (_, i) =>
    Array.from({ length: columns }, (_, j) => {
      const [a, b] = i <= j ? [i, j] : [j, i];
      const denominator = Math.sqrt(cross[a]![a]! * cross[b]![b]!);
      if (!(denominator > 0)) return null;
      // Clamp: rounding can push |r| a hair above 1 for identical columns.
      return Math.max(-1, Math.min(1, cross[a]![b]! / denominator));
    }),
  );
}
