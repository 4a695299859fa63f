import { describe, expect, it } from "vitest";
import { buildAdaptationSchedule } from "../src/index.js";

const windows = (n: number) => buildAdaptationSchedule(n).map((w) => [w.start, w.end]);

describe("buildAdaptationSchedule()", () => {
  it.each([
    [
      500,
      [
        [0, 74],
        [75, 99],
        [100, 149],
        [150, 249],
        [250, 449],
        [450, 499],
      ],
    ],
    [
      1000,
      [
        [0, 74],
        [75, 99],
        [100, 149],
        [150, 249],
        [250, 449],
        [450, 949],
        [950, 999],
      ],
    ],
    [
      150,
      [
        [0, 74],
        [75, 99],
        [100, 149],
      ],
    ],
    [
      100,
      [
        [0, 14],
        [15, 89],
        [90, 99],
      ],
    ],
    [
      50,
      [
        [0, 6],
        [7, 44],
        [45, 49],
      ],
    ],
    [19, [[0, 18]]],
    [0, []],
  ])("lays out %i warm-up steps as Stan/numpyro do", (n, expected) => {
    expect(windows(n)).toEqual(expected);
  });

  it("covers every step exactly once for any length", () => {
    for (let n = 20; n < 700; n += 7) {
      const w = windows(n);
      expect(w[0]![0]).toBe(0);
      expect(w.at(-1)![1]).toBe(n - 1);
      for (let i = 1; i < w.length; i++) expect(w[i]![0]).toBe(w[i - 1]![1]! + 1);
    }
  });
});
