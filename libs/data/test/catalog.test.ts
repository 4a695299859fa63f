import { describe, expect, it } from "vitest";
import { GROUPS, JUDGES, PROPERTIES, SCENARIOS, baseAlignedPairs, sizeGroup } from "../src/index.js";

describe("catalogs", () => {
  it("lists 29 properties indexed 0..28 with unique names", () => {
    expect(PROPERTIES.map((p) => p.index)).toEqual(Array.from({ length: 29 }, (_, i) => i));
    expect(new Set(PROPERTIES.map((p) => p.name)).size).toBe(29);
    expect(PROPERTIES.filter((p) => p.kind === "basic")).toHaveLength(20);
    expect(PROPERTIES.filter((p) => p.kind === "error")).toHaveLength(3);
    expect(PROPERTIES.filter((p) => p.kind === "query-specific")).toHaveLength(5);
  });

  it("lists 16 groups whose scenario sizes add up to the dataset", () => {
    expect(GROUPS).toHaveLength(16);
    expect(SCENARIOS.reduce((sum, g) => sum + g.size, 0)).toBe(5240);
  });

  it("lists 33 judges in non-decreasing size order", () => {
    expect(JUDGES).toHaveLength(33);
    const sizes = JUDGES.filter((j) => j.sizeB !== null).map((j) => j.sizeB!);
    expect([...sizes].sort((a, b) => a - b)).toEqual(sizes);
  });

  it("splits the 30 open models into 20 small and 10 large", () => {
    const groups = JUDGES.map(sizeGroup);
    expect(groups.filter((g) => g === "small")).toHaveLength(20);
    expect(groups.filter((g) => g === "large")).toHaveLength(10);
  });

  it("has 10 same-vendor base/aligned pairs", () => {
    expect(baseAlignedPairs().filter((p) => p.sameVendor)).toHaveLength(10);
  });
});
