/**
 * The `.json` written beside each figure: exactly the rows plotted, one object per row with keys
 * in the figure's column order, so the file is byte-stable and diffable.
 */

/** Serialises rows with keys in `columns` order (two-space indent, trailing newline). */
export function rowsToJson<Row extends object>(rows: readonly Row[], columns: readonly (keyof Row & string)[]): string {
  const ordered = rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const column of columns) {
      if (!(column in row)) throw new RangeError(`row is missing column "${column}"`);
      out[column] = row[column];
    }
    const extra = Object.keys(row).filter((key) => !columns.includes(key as keyof Row & string));
    if (extra.length > 0) throw new RangeError(`row has columns not listed for the figure: ${extra.join(", ")}`);
    return out;
  });
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
