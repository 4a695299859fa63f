import { describe, expect, it } from "vitest";
import { PROPERTY_COUNT, SCENARIO_IDS, type FeatureRow } from "@prefdissect/data";
import { createRandomStream } from "@prefdissect/shared";
import { SCENARIO_MEAN } from "@prefdissect/similarity";
import { estimateGameability, rankGains, winRateGains } from "../src/index.js";

const sigma = (z: number) => 1 / (1 + Math.exp(-z));
const dot = (w: readonly number[], x: readonly number[]) => w.reduce((sum, wp, p) => sum + wp * x[p]!, 0);

/** The definition spelt out: both responses of each pair, property p set to +1, the mean change of P(win). */
function bruteForce(weights: number[], rows: FeatureRow[], p: number, applies: (row: FeatureRow) => boolean): number {
  let total = 0;
  for (const row of rows) {
    for (const side of [1, -1]) {
      const seen = row.features.map((x) => side * x);
      const improved = [...seen];
      if (applies(row)) improved[p] = 1;
      total += sigma(dot(weights, improved)) - sigma(dot(weights, seen));
    }
  }
  return (100 * total) / (2 * rows.length);
}

function randomRows(count: number, seed: number, group = "Advice"): FeatureRow[] {
  const random = createRandomStream(seed);
  return Array.from({ length: count }, (_, index) => ({
    index,
    groups: index % 3 === 0 ? [group, "w_stances"] : [group],
    features: Array.from({ length: PROPERTY_COUNT }, () => Math.floor(random.uniform() * 3) - 1),
    excluded: false,
  }));
}

function randomWeights(seed: number): number[] {
  const random = createRandomStream(seed);
  return Array.from({ length: PROPERTY_COUNT }, () => random.uniform() * 2 - 1);
}

describe("winRateGains", () => {
  it("equals the definition computed directly, query-specific properties only where their case applies", () => {
    const rows = randomRows(60, 1);
    const weights = randomWeights(2);
    const gains = winRateGains(weights, rows);
    for (let p = 0; p < PROPERTY_COUNT; p++) {
      // support stances (26) applies only to pairs in w_stances; the other query-specific ones to none here.
      const applies = (row: FeatureRow) => (p >= 23 && p <= 27 ? p === 26 && row.groups.includes("w_stances") : true);
      expect(gains[p]).toBeCloseTo(bruteForce(weights, rows, p, applies), 12);
    }
    expect(gains[23]).toBe(0);
  });

  it("follows the sign of the weight: a liked property gains, a disliked one loses, a neutral one does nothing", () => {
    const rows = randomRows(40, 3);
    const weights = new Array<number>(PROPERTY_COUNT).fill(0);
    weights[0] = 1;
    weights[1] = -1;
    const gains = winRateGains(weights, rows);
    expect(gains[0]).toBeGreaterThan(0);
    expect(gains[1]).toBeLessThan(0);
    expect(gains[2]).toBe(0);
  });
});

describe("estimateGameability", () => {
  const rows = SCENARIO_IDS.flatMap((group, g) => randomRows(30, 10 + g, group)).map((row, index) => ({ ...row, index }));
  const weights = new Map(SCENARIO_IDS.map((group, g) => [group, randomWeights(100 + g)]));

  it("gives each scenario and their mean, leaving out pairs whose error check was not applicable", () => {
    const withExcluded = rows.map((row, i) => (i % 10 === 0 ? { ...row, excluded: true } : row));
    const results = estimateGameability({ weights, rows: withExcluded });
    expect(results[0]!.group).toBe(SCENARIO_MEAN);
    const advice = results.find((r) => r.group === "Advice")!;
    const adviceRows = withExcluded.filter((row) => row.groups.includes("Advice") && !row.excluded);
    expect(advice.pairs).toBe(adviceRows.length);
    expect(advice.gains.map((g) => g.gain)).toEqual(winRateGains(weights.get("Advice")!, adviceRows));
    const meanOfFirst = SCENARIO_IDS.reduce((sum, id) => sum + results.find((r) => r.group === id)!.gains[0]!.gain, 0) / SCENARIO_IDS.length;
    expect(results[0]!.gains[0]!.gain).toBeCloseTo(meanOfFirst, 12);
    expect(results[0]!.gains[0]!.low).toBeUndefined();
  });

  it("puts a 90 % interval from posterior draws around the point estimate", () => {
    const draws = new Map(
      SCENARIO_IDS.map((group, g) => {
        const random = createRandomStream(500 + g);
        const centre = weights.get(group)!;
        return [group, Array.from({ length: 41 }, () => centre.map((w) => w + (random.uniform() - 0.5) * 0.4))];
      }),
    );
    const results = estimateGameability({ weights, rows, draws, mass: 0.9 });
    for (const result of results) {
      expect(result.draws).toBe(41);
      for (const gain of result.gains) {
        expect(gain.low!).toBeLessThanOrEqual(gain.high!);
        if (Math.abs(gain.gain) > 0.5) expect(gain.high! - gain.low!).toBeGreaterThan(0);
      }
    }
    // The ends are the 5 % and 95 % quantiles (linear interpolation) of the per-draw estimates.
    const code = results.find((r) => r.group === "Code")!;
    const codeRows = rows.filter((row) => row.groups.includes("Code"));
    const perDraw = draws.get("Code")!.map((draw) => winRateGains(draw, codeRows));
    const at = (sorted: number[], q: number) => {
      const position = (sorted.length - 1) * q;
      const lo = Math.floor(position);
      return sorted[lo]! + (sorted[Math.ceil(position)]! - sorted[lo]!) * (position - lo);
    };
    for (const p of [0, 10, 22]) {
      const sorted = perDraw.map((gains) => gains[p]!).sort((a, b) => a - b);
      expect(code.gains[p]!.low).toBeCloseTo(at(sorted, 0.05), 12);
      expect(code.gains[p]!.high).toBeCloseTo(at(sorted, 0.95), 12);
    }
    // Draws all equal to the point weights: the interval shrinks to the point.
    const same = new Map(SCENARIO_IDS.map((group) => [group, [weights.get(group)!, weights.get(group)!]]));
    const pinned = estimateGameability({ weights, rows, draws: same }).find((r) => r.group === "Code")!;
    for (const gain of pinned.gains) {
      expect(gain.low).toBeCloseTo(gain.gain, 12);
      expect(gain.high).toBeCloseTo(gain.gain, 12);
    }
  });

  it("ranks from the largest gain down and drops groups without pairs", () => {
    const results = estimateGameability({
      weights: new Map([
        ["Advice", weights.get("Advice")!],
        ["Code", weights.get("Code")!],
      ]),
      rows: rows.filter((row) => row.groups.includes("Advice")),
    });
    expect(results.map((r) => r.group)).toEqual(["Advice"]);
    const ranked = rankGains(results[0]!);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.gain).toBeGreaterThanOrEqual(ranked[i]!.gain);
  });
});
