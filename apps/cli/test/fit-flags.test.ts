import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { register as registerRefit } from "../src/commands/refit.js";
import { register as registerRegress } from "../src/commands/regress.js";
import { register as registerSynth } from "../src/commands/synth.js";
import { madeUpWeightsDir, runCommand } from "./run.js";

/** A small separable problem: 60 rows, 3 features. */
function problemFile(): string {
  const X = Array.from({ length: 60 }, (_, i) => [((i * 7) % 3) - 1, ((i * 5) % 3) - 1, ((i * 11) % 3) - 1]);
  const y = X.map(([a, b], i) => (a! - b! > 0 || (a! === b! && i % 2 === 0) ? 1 : 0));
  const file = join(mkdtempSync(join(tmpdir(), "pd-regress-")), "problem.json");
  writeFileSync(file, JSON.stringify({ X, y }));
  return file;
}

async function regress(args: string[]) {
  const result = await runCommand(registerRegress, ["regress", "--in", problemFile(), "--workers", "1", ...args]);
  return { ...result, output: result.error === undefined ? JSON.parse(result.stdout) : undefined };
}

describe("pd regress: --method and --draws", () => {
  it("--method mode takes the exact posterior mode; the old --mode map does the same with a note", async () => {
    const current = await regress(["--method", "mode"]);
    expect(current.error).toBeUndefined();
    expect(current.output.method).toBe("mode");
    expect(current.stderr).toBe("");
    const old = await regress(["--mode", "map"]);
    expect(old.output.method).toBe("mode");
    expect(old.output.mean).toEqual(current.output.mean);
    expect(old.stderr).toBe("note: --mode map is the old spelling of --method mode; it still works, but please use --method mode\n");
  });

  it("--draws fast runs 4 × (300 + 500); the old --fast does the same with a note; --chains etc. override", async () => {
    const current = await regress(["--draws", "fast", "--seed", "2"]);
    expect(current.output.method).toBe("nuts");
    expect(current.output.settings).toMatchObject({ chains: 4, warmup: 300, samples: 500 });
    const old = await regress(["--fast", "--seed", "2"]);
    expect(old.stderr).toContain("note: --fast is the old spelling of --draws fast");
    expect(old.output.mean).toEqual(current.output.mean);
    const overridden = await regress(["--draws", "fast", "--chains", "2", "--samples", "100"]);
    expect(overridden.output.settings).toMatchObject({ chains: 2, warmup: 300, samples: 100 });
  });

  it("refuses contradicting or inapplicable choices", async () => {
    expect((await regress(["--mode", "map", "--method", "nuts"])).error?.message).toBe("--mode map (old spelling of --method mode) contradicts --method nuts");
    expect((await regress(["--method", "mode", "--draws", "fast"])).error?.message).toBe(
      "--draws sets how long NUTS runs, so it does not apply to --method mode",
    );
    expect((await regress(["--method", "mode", "--fast"])).error?.message).toBe("--draws sets how long NUTS runs, so it does not apply to --method mode");
    expect((await regress(["--method", "map"])).error?.message).toMatch(/argument 'map' is invalid\. Allowed choices are nuts, mode/);
  });

  it("--folds 1 is one fit on all rows: the plain fit, nothing held out", async () => {
    const args = ["--chains", "2", "--warmup", "100", "--samples", "100", "--seed", "5"];
    const plain = await regress(args);
    const one = await regress([...args, "--folds", "1"]);
    expect(one.error).toBeUndefined();
    expect(one.output.folds).toHaveLength(1);
    expect(one.output.folds[0].heldOut).toEqual([]);
    expect(one.output.mean).toEqual(plain.output.mean);
  });
});

describe("pd refit: --method, the old --fast and --folds 1", () => {
  it("fits one fold on all rows with the posterior mode and writes no accuracy", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pd-refit-cli-"));
    const data = join(dir, "synthetic.parquet");
    const synth = await runCommand(registerSynth, ["synth", "--seed", "1", "--pairs", "300", "--weights", madeUpWeightsDir(), "--out", data]);
    expect(synth.error).toBeUndefined();
    const common = ["refit", "--data", data, "--judges", "human", "--groups", "Code,Advice", "--folds", "1", "--workers", "1"];

    const current = await runCommand(registerRefit, [...common, "--method", "mode", "--out", join(dir, "current")]);
    expect(current.error).toBeUndefined();
    const summary = JSON.parse(readFileSync(join(dir, "current", "summary.json"), "utf8"));
    expect(summary.settings).toMatchObject({ method: "mode", folds: 1 });
    expect(summary.accuracy).toEqual({ human: null });
    expect(summary.fits.map((fit: { accuracy: unknown }) => fit.accuracy)).toEqual([null, null]);

    const old = await runCommand(registerRefit, [...common, "--fast", "--out", join(dir, "old")]);
    expect(old.stderr).toContain("note: --fast is the old spelling of --method mode");
    expect(readFileSync(join(dir, "old", "weights", "model_Code_fitted_paras.jsonl"), "utf8")).toBe(
      readFileSync(join(dir, "current", "weights", "model_Code_fitted_paras.jsonl"), "utf8"),
    );
  });

  it("refuses --fast beside --method nuts", async () => {
    const { error } = await runCommand(registerRefit, ["refit", "--data", "x.parquet", "--fast", "--method", "nuts"]);
    expect(error?.message).toBe("--fast (old spelling of --method mode) contradicts --method nuts");
  });
});
