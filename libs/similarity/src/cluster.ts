/**
 * An order of judges that puts similar judges next to each other: average-linkage hierarchical
 * clustering on the distance 1 − similarity, leaves read off the dendrogram without crossings.
 */
import { agnes } from "ml-hclust";
import type { SimilarityMatrix } from "./similarity.js";

/** The judges of `matrix` in dendrogram leaf order. */
export function clusterOrder(matrix: SimilarityMatrix): string[] {
  if (matrix.judges.length < 3) return [...matrix.judges];
  const distances = matrix.values.map((row) => row.map((similarity) => 1 - similarity));
  return agnes(distances, { method: "average", isDistanceMatrix: true })
    .indices()
    .map((index) => matrix.judges[index]!);
}
