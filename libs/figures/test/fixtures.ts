import { GROUP_IDS, JUDGE_IDS, PROPERTY_COUNT, type WeightSet } from "@prefdissect/data";
import { createRandomStream } from "@prefdissect/shared";

/**
 * A full synthetic weight set (16 groups × 33 judges × 29 weights): a shared per-group pattern
 * plus judge noise, so similarities are realistic (mostly positive, not all equal).
 */
export function syntheticWeights(seed = 7): WeightSet {
  const rng = createRandomStream(seed, 0);
  const weights = new Map<string, Map<string, number[]>>();
  for (const group of GROUP_IDS) {
    const shared = Array.from({ length: PROPERTY_COUNT }, () => 0.3 * rng.normal());
    const judges = new Map<string, number[]>();
    for (const judge of JUDGE_IDS)
      judges.set(
        judge,
        shared.map((w) => w + 0.15 * rng.normal()),
      );
    weights.set(group, judges);
  }
  return weights;
}
