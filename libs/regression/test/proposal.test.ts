import { createRandomStream } from "@prefdissect/shared";
import { describe, expect, it } from "vitest";
import { biasedTransitionProbability, logAddExp, mergeWeights, uniformTransitionProbability, type WeightMerge } from "../src/nuts/proposal.js";

describe("mergeWeights", () => {
  const specials = [-Infinity, Infinity, 0, -0, 1e308, -1e308, 5e-324];

  it("gives the same bits as the transition probabilities and logAddExp computed apart", () => {
    const rng = createRandomStream(5, 0);
    const weights = [...specials, ...Array.from({ length: 400 }, () => (rng.uniform() - 0.5) * 10 ** (rng.integer(6) - 2))];
    const out: WeightMerge = { weight: 0, takeNew: false };
    for (let t = 0; t < 4000; t++) {
      const current = weights[rng.integer(weights.length)]!;
      const added = t % 50 === 0 ? current : weights[rng.integer(weights.length)]!;
      const u = rng.uniform();
      const rejected = t % 3 === 0;
      mergeWeights(current, added, u, false, false, out);
      expect(out.takeNew).toBe(u < uniformTransitionProbability(current, added));
      expect(Object.is(out.weight, logAddExp(current, added))).toBe(true);
      mergeWeights(current, added, u, true, rejected, out);
      expect(out.takeNew).toBe(u < biasedTransitionProbability(current, added, rejected));
      expect(Object.is(out.weight, logAddExp(current, added))).toBe(true);
    }
  });
});
