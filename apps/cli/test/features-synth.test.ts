import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { readHfParquet } from "@prefdissect/data";
import { register as registerFeatures } from "../src/commands/features.js";
import { register as registerSynth } from "../src/commands/synth.js";
import { madeUpWeightsDir as weightsDir, runCommand } from "./run.js";

const FIXTURES = resolve(import.meta.dirname, "../../../libs/data/test/fixtures");

describe("pd features", () => {
  it("writes one object per pair in dataset order and summarises on stderr", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "pd-features-")), "features.jsonl");
    const { stderr, error } = await runCommand(registerFeatures, ["features", "--data", join(FIXTURES, "pairs-8.csv"), "--out", out]);
    expect(error).toBeUndefined();
    const rows = readFileSync(out, "utf8")
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(rows.map((row) => row.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(Object.keys(rows[0])).toEqual(["index", "groups", "features", "excluded"]);
    expect(rows.every((row) => row.features.length === 29)).toBe(true);
    expect(rows[5].excluded).toBe(true);
    expect(rows[5].groups).toEqual(["Advice", "intent_unclear"]);
    expect(stderr).toContain("8 pairs from");
    expect(stderr).toContain("1 excluded (error check not applicable)");
    expect(stderr).toMatch(/Advice\s+1 pairs, 1 excluded/);
  });

  it("writes nothing when the input is bad, and names the place", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pd-features-"));
    const lines = readFileSync(join(FIXTURES, "pairs-8.jsonl"), "utf8").split("\n");
    lines[1] = lines[1]!.replace('"harmlessness":', '"harmlessness":"NaN","was":');
    writeFileSync(join(dir, "bad.jsonl"), lines.join("\n"));
    const out = join(dir, "features.jsonl");
    const { error } = await runCommand(registerFeatures, ["features", "--data", join(dir, "bad.jsonl"), "--out", out]);
    expect(error?.message).toMatch(/bad\.jsonl:2: field "annotationA\.basic\.harmlessness"/);
    expect(existsSync(out)).toBe(false);
  });

  it("rejects an unknown --format", async () => {
    const { error } = await runCommand(registerFeatures, ["features", "--data", "x", "--format", "xlsx", "--out", "y"]);
    expect(error?.message).toBe('--format "xlsx" is not one of hf-parquet, resolved-jsonl, pairs-jsonl, pairs-csv');
  });
});

describe("pd synth", () => {
  it("writes a synthetic Parquet file that pd features reads back", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pd-synth-"));
    const out = join(dir, "synthetic.parquet");
    const synth = await runCommand(registerSynth, ["synth", "--seed", "4", "--pairs", "200", "--weights", weightsDir(), "--out", out]);
    expect(synth.error).toBeUndefined();
    expect(synth.stderr).toContain("200 SYNTHETIC pairs, 33 judges, seed 4");
    const data = await readHfParquet(readFileSync(out), out);
    expect(data.source.synthetic).toBe(true);
    expect(data.source.metadata?.["prefdissect.seed"]).toBe("4");
    const features = await runCommand(registerFeatures, ["features", "--data", out, "--out", join(dir, "f.jsonl")]);
    expect(features.stderr).toContain("(hf-parquet, SYNTHETIC)");
  });

  it("rejects a bad seed and incomplete weights", async () => {
    let result = await runCommand(registerSynth, ["synth", "--seed", "x", "--out", "y.parquet"]);
    expect(result.error?.message).toBe('--seed must be a whole number ≥ 0, got "x"');
    const dir = weightsDir();
    writeFileSync(join(dir, "model_Code_fitted_paras.jsonl"), JSON.stringify({ model_name: "human", parameters: new Array(29).fill(0) }) + "\n");
    result = await runCommand(registerSynth, ["synth", "--seed", "1", "--weights", dir, "--out", join(dir, "o.parquet")]);
    expect(result.error?.message).toBe(`--weights ${dir}: the weights have no vector for judge "yi-6b" in scenario "Code"`);
    expect(existsSync(join(dir, "o.parquet"))).toBe(false);
  });
});
