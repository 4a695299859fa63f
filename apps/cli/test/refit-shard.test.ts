import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { register as registerRefit } from "../src/commands/refit.js";
import { register as registerSynth } from "../src/commands/synth.js";
import { madeUpWeightsDir, runCommand } from "./run.js";

const PD = resolve(import.meta.dirname, "fixtures/pd-from-source.ts");

/** Runs `pd` in a separate Node process, as a scheduler would on each machine. */
async function pd(args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await promisify(execFile)(process.execPath, ["--conditions=@prefdissect/source", "--import", "tsx", PD, ...args], {
      maxBuffer: 1 << 24,
    });
    return { code: 0, stderr };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

/** Every file under `dir` (relative path → bytes), temporary files included. */
function filesOf(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(dir, path), readFileSync(path));
    }
  };
  walk(dir);
  return out;
}

describe("pd refit --shard", () => {
  it("rejects a shard spec that names no shard, in one line", async () => {
    for (const [spec, why] of [
      ["3/2", /got "3\/2": there are only 2 shards$/],
      ["0/4", /got "0\/4": shards are numbered from 1$/],
      ["1/0", /got "1\/0": there must be at least one shard$/],
      ["2", /got "2": expected two whole numbers separated by a slash/],
      ["-1/3", /got "-1\/3": expected two whole numbers/],
    ] as const) {
      const { error } = await runCommand(registerRefit, ["refit", "--data", "unused.parquet", "--shard", spec]);
      expect(error?.message).toMatch(why);
      expect(error?.message).toMatch(/^--shard must be k\/n with 1 ≤ k ≤ n/);
      expect(error?.message.split("\n")).toHaveLength(1);
    }
  });

  /** A small synthetic dataset and the pd refit arguments every run of a comparison shares. */
  async function setUp(method: "nuts" | "mode", extra: readonly string[]): Promise<{ dir: string; common: string[] }> {
    const dir = mkdtempSync(join(tmpdir(), "pd-refit-shard-"));
    const data = join(dir, "synthetic.parquet");
    const synth = await runCommand(registerSynth, [
      "synth",
      "--seed",
      "5",
      "--pairs",
      "600",
      "--judges",
      "human,gpt-4-1106-preview",
      "--weights",
      madeUpWeightsDir(),
      "--out",
      data,
    ]);
    expect(synth.error).toBeUndefined();
    const common = [
      "refit",
      "--data",
      data,
      "--judges",
      "human,gpt-4-1106-preview",
      "--groups",
      "Communication,Code,Advice",
      "--folds",
      "3",
      "--method",
      method,
      ...extra,
      "--workers",
      "1",
    ];
    return { dir, common };
  }

  /** The files of both folders besides fits/ must be the same bytes. */
  function expectSameOutputs(whole: string, shared: string): void {
    const expected = filesOf(whole);
    const got = filesOf(shared);
    const outputs = [...expected.keys()].filter((path) => !path.startsWith("fits/"));
    expect(outputs).toContain("summary.json");
    expect(outputs).toContain("intervals.json");
    expect(outputs.filter((path) => path.startsWith("weights/"))).toHaveLength(3);
    for (const path of outputs) expect(got.get(path)?.toString("utf8"), path).toBe(expected.get(path)!.toString("utf8"));
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
  }

  // Three shards in three processes, as three machines would run them, then the aggregate in a
  // fourth, against one unsharded run: weights, summary.json and intervals.json must be the same
  // bytes. NUTS with tiny settings, so draws and intervals are part of what is compared.
  it("gives byte for byte the unsharded result when 3 shard processes fit and a plain run aggregates", { timeout: 300_000 }, async () => {
    const { dir, common } = await setUp("nuts", ["--chains", "2", "--warmup", "40", "--samples", "40", "--keep-draws", "5"]);
    const whole = join(dir, "whole");
    expect((await runCommand(registerRefit, [...common, "--out", whole])).error).toBeUndefined();

    const shared = join(dir, "shared");
    const shards = await Promise.all([1, 2, 3].map((k) => pd([...common, "--out", shared, "--shard", `${k}/3`])));
    expect(shards.map((s) => s.code)).toEqual([0, 0, 0]);
    const fitted = shards.map((s) => Number(/(\d+) folds fitted/.exec(s.stderr)![1]));
    // 2 judges × 3 groups × 3 folds, each fitted by exactly one shard, and no shard idle.
    expect(fitted.reduce((a, b) => a + b, 0)).toBe(18);
    expect(fitted.every((n) => n > 0)).toBe(true);
    // Shards write only their fits; the aggregate is left to the plain run.
    expect([...filesOf(shared).keys()].every((path) => path.startsWith("fits/"))).toBe(true);

    const aggregate = await pd([...common, "--out", shared]);
    expect(aggregate.code).toBe(0);
    expect(aggregate.stderr).toMatch(/0 folds fitted, 18 kept from an earlier run/);
    expectSameOutputs(whole, shared);
  });

  it("does the same for the posterior mode, and overlapping shard specs refit nothing twice", async () => {
    const { dir, common } = await setUp("mode", []);
    const whole = join(dir, "whole");
    expect((await runCommand(registerRefit, [...common, "--out", whole])).error).toBeUndefined();
    const shared = join(dir, "shared");
    // Shard 2 of 3 twice (a rerun after a lost node), and 1/3 and 3/3: the second 2/3 keeps everything.
    const runs = [];
    for (const spec of ["2/3", "2/3", "1/3", "3/3"]) runs.push(await runCommand(registerRefit, [...common, "--out", shared, "--shard", spec]));
    expect(runs.map((run) => run.error)).toEqual([undefined, undefined, undefined, undefined]);
    expect(runs[1]!.stderr).toMatch(/shard 2\/3: (\d+) of 18 jobs, 0 folds fitted, \1 kept/);
    const aggregate = await runCommand(registerRefit, [...common, "--out", shared]);
    expect(aggregate.stderr).toMatch(/0 folds fitted, 18 kept from an earlier run/);
    expectSameOutputs(whole, shared);
  });
});
