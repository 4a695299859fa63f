import { describe, expect, it } from "vitest";
import { assignShards, parseShardSpec } from "../src/index.js";

describe("parseShardSpec()", () => {
  it("reads k/n", () => {
    expect(parseShardSpec("1/1")).toEqual({ index: 1, count: 1 });
    expect(parseShardSpec(" 3 / 8 ")).toEqual({ index: 3, count: 8 });
  });

  it("names what is wrong with a spec that names no shard", () => {
    const message = (text: string) => {
      try {
        parseShardSpec(text);
      } catch (error) {
        expect(error).toMatchObject({ code: "bad-flag" });
        return (error as Error).message;
      }
      throw new Error(`${text} was accepted`);
    };
    expect(message("3/2")).toBe('--shard must be k/n with 1 ≤ k ≤ n (shard k of n), got "3/2": there are only 2 shards');
    expect(message("0/4")).toMatch(/shards are numbered from 1$/);
    expect(message("1/0")).toMatch(/at least one shard$/);
    for (const text of ["", "2", "1/2/3", "a/b", "1.5/3", "-1/2"]) expect(message(text)).toMatch(/expected two whole numbers separated by a slash/);
    expect(message("99999999999999999999/1")).toMatch(/too large/);
  });
});

describe("assignShards()", () => {
  const sizes = (shards: number[], count: number, work: number[]) =>
    Array.from({ length: count }, (_, s) => work.reduce((sum, w, j) => sum + (shards[j] === s + 1 ? w : 0), 0));

  it("puts every job in exactly one shard, as contiguous runs in list order", () => {
    const work = Array.from({ length: 160 }, (_, j) => 300 + ((j * 37) % 500));
    for (const count of [1, 2, 3, 7, 160, 400]) {
      const shards = assignShards(work, count);
      expect(shards).toHaveLength(work.length);
      expect(shards.every((s) => Number.isInteger(s) && s >= 1 && s <= count)).toBe(true);
      // Non-decreasing: each shard is one run of the list.
      expect(shards.every((s, j) => j === 0 || s >= shards[j - 1]!)).toBe(true);
    }
  });

  it("balances the work, not the number of jobs", () => {
    // Ten small jobs then ten large ones: equal counts would give one shard ten times the work.
    const work = [...Array(10).fill(100), ...Array(10).fill(1000)];
    const shards = assignShards(work, 2);
    const [a, b] = sizes(shards, 2, work);
    expect(Math.abs(a! - b!)).toBeLessThanOrEqual(1000);
    expect(shards.filter((s) => s === 1).length).toBeGreaterThan(10);
  });

  it("is the same on every call (every machine computes the same split)", () => {
    const work = Array.from({ length: 50 }, (_, j) => (j * 7919) % 613);
    expect(assignShards(work, 6)).toEqual(assignShards([...work], 6));
  });
});
