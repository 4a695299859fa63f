/**
 * The colour scale of similarity heatmaps: it starts at the lowest tenth below the data so the
 * usual 0.7–0.9 range spreads over most of the palette, and cells above `whiteAbove` get white text.
 */
export function similarityColourScale(similarities: readonly number[]): { floor: number; whiteAbove: number } {
  const floor = Math.min(0.5, Math.floor(Math.min(...similarities) * 10) / 10);
  return { floor, whiteAbove: floor + (1 - floor) * 0.6 };
}

/** The `label` field printed in a similarity cell: two decimals, leading zero dropped (".74", "-.12"). */
export const SIMILARITY_CELL_LABEL = { calculate: "replace(format(datum.similarity, '.2f'), /^(-?)0\\./, '$1.')", as: "label" };
