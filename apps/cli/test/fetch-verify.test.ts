import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { describeUpstream, upstreamDataDir, upstreamMirror } from "../../../vitest.upstream.js";
import { register as registerFetch } from "../src/commands/fetch.js";
import { register as registerVerify } from "../src/commands/verify.js";
import { madeUpWeightsDir, runCommand } from "./run.js";

const temp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

describe("pd fetch", () => {
  it("lists the manifest", async () => {
    const { stdout } = await runCommand(registerFetch, ["fetch", "--list"]);
    expect(stdout).toContain("weights-Communication");
    expect(stdout).toContain("hf-parquet");
  });

  it("names the unknown artifact", async () => {
    const { error } = await runCommand(registerFetch, ["fetch", "no-such-file"]);
    expect(error?.message).toMatch(/unknown artifact "no-such-file"/);
  });
});

describeUpstream("pd fetch + pd verify from a mirror", () => {
  let mirror: string;
  beforeAll(() => {
    mirror = upstreamMirror();
  });
  afterEach(() => {
    delete process.env.PD_DATA_DIR;
  });

  it("fetches into a fresh data dir and verifies every claim", async () => {
    const figures = temp("pd-cli-figures-");
    process.env.PD_DATA_DIR = temp("pd-cli-data-");
    const fetched = await runCommand(registerFetch, ["fetch", "--mirror", mirror]);
    expect(fetched.error).toBeUndefined();
    expect(fetched.stderr).toMatch(/21 artifacts ready: 21 fetched/);
    const again = await runCommand(registerFetch, ["fetch", "--mirror", mirror]);
    expect(again.stderr).toMatch(/0 fetched, 21 already present and verified/);
    const verified = await runCommand(registerVerify, ["verify", "--figures", figures]);
    expect(verified.error).toBeUndefined();
    expect(verified.stdout).toMatch(/claims: 15 pass, 0 fail, 2 not checked/);
    expect(readFileSync(join(figures, "REPORT.md"), "utf8")).toContain("Human P(no severe errors)");
  });

  it("exits non-zero when a claim fails, where pd report only reports it", async () => {
    // A refit of made-up weights on real (not synthetic) data: its claims are judged, and fail.
    process.env.PD_DATA_DIR = upstreamDataDir();
    const refitDir = temp("pd-cli-refit-");
    const weights = madeUpWeightsDir();
    const summary = {
      format: "prefdissect.refit-summary/1",
      source: { file: "pairs.jsonl", format: "pairs-jsonl", rows: 8, synthetic: false },
      settings: { folds: 1, seed: 0, chains: 1, warmup: 0, samples: 1, scale: 0.1, keepDraws: 0, method: "mode" },
      judges: ["human"],
      groups: ["Advice", "Communication"],
      accuracyDefinition: "none",
      accuracy: {},
      fits: [],
      skipped: [],
    };
    writeFileSync(join(refitDir, "summary.json"), JSON.stringify(summary));
    const args = ["--weights", "refit", "--refit-dir", refitDir, "--figures", temp("pd-cli-figures-")];
    mkdirSync(join(refitDir, "weights"));
    for (const name of ["Advice", "Communication"].map((group) => `model_${group}_fitted_paras.jsonl`))
      copyFileSync(join(weights, name), join(refitDir, "weights", name));
    const reported = await runCommand(registerVerify, ["report", ...args]);
    expect(reported.error).toBeUndefined();
    expect(reported.stdout).toMatch(/^FAIL +Human's most preferred property in Communication/m);
    const verified = await runCommand(registerVerify, ["verify", ...args]);
    expect(verified.error).toMatchObject({ code: "claims-failed", message: "1 claim(s) failed: fig1-human-lengthy" });
  });
});
