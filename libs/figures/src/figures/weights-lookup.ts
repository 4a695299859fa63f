import { PrefDissectError } from "@prefdissect/shared";

/** Thrown when a figure needs a (group, judge) vector the weight set does not hold. */
export function missingWeights(group: string, judge: string): never {
  throw new PrefDissectError(
    "missing-weights",
    `the weight set has no vector for judge "${judge}" in group "${group}"; expected all 33 judges in all 16 groups`,
    { field: `${group}/${judge}` },
  );
}
