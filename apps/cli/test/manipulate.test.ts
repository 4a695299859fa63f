import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GROUP_IDS, JUDGE_IDS } from "@prefdissect/data";
import { saveFit } from "@prefdissect/refit/node";
import {
  ALPACA_EVAL_OUTPUTS_FILE,
  DPO_PAIRS_FILE,
  FASTCHAT_ANSWERS_FILE,
  FASTCHAT_QUESTIONS_FILE,
  GAMEABILITY_FILE,
  MANIPULATION_PROMPT_FILE,
} from "@prefdissect/manipulation";
import { register as registerManipulate } from "../src/commands/manipulate.js";
import { register as registerSynth } from "../src/commands/synth.js";
import { useLoopbackServer } from "./loopback.js";
import { madeUpWeightsDir, runCommand } from "./run.js";

const loopback = useLoopbackServer();

const tempDir = () => mkdtempSync(join(tmpdir(), "pd-manipulate-"));
const manipulate = (...args: string[]) => runCommand(registerManipulate, ["manipulate", ...args]);

describe("pd manipulate prompts", () => {
  it("writes the judge's top-3 with a system message, and the last 3 with --mode avoid", async () => {
    const out = join(tempDir(), "favour.json");
    const favour = await manipulate("prompts", "--judge", "GPT-4-Turbo", "--out", out);
    expect(favour.error).toBeUndefined();
    const prompt = MANIPULATION_PROMPT_FILE.parse(readFileSync(out, "utf8"), out);
    expect(prompt.judge).toBe("gpt-4-1106-preview");
    expect(prompt.properties.map((p) => p.label)).toEqual(["no severe errors", "novel", "contain rich info"]);
    expect(prompt.systemPrompt).toContain("1. No severe errors:");
    expect(favour.stderr).toContain("skipped support stances: applies only to queries");
    const avoid = await manipulate("prompts", "--judge", "human", "--mode", "avoid");
    expect(MANIPULATION_PROMPT_FILE.parse(avoid.stdout, "stdout").properties.map((p) => p.label)).toEqual(["admit limits", "harmless", "no minor errors"]);
  });

  it("refuses an unknown judge, k outside 1..29, an unknown group and a group without weights, in one line each", async () => {
    const lines = async (...args: string[]) => {
      const { error } = await manipulate("prompts", ...args);
      expect(error).toBeDefined();
      expect(error!.message).not.toContain("\n");
      return error!.message;
    };
    expect(await lines("--judge", "nobody")).toMatch(/^--weights released has no weights for judge "nobody" \(judges: /);
    expect(await lines("--judge", "human", "--k", "0")).toBe('--k must be a whole number from 1 to 29, got "0"');
    expect(await lines("--judge", "human", "--k", "30")).toBe('--k must be a whole number from 1 to 29, got "30"');
    expect(await lines("--judge", "human", "--group", "Poetry")).toMatch(/^unknown group "Poetry" \(known: Advice, /);
    const dir = madeUpWeightsDir();
    writeFileSync(join(dir, "model_Code_fitted_paras.jsonl"), "");
    expect(await lines("--judge", "human", "--weights", dir, "--group", "Code")).toBe(`--weights ${dir} has no weights for Human in group "Code"`);
  });
});

describe("pd manipulate generate", () => {
  it("writes valid FastChat and AlpacaEval files for MT-Bench against the loopback server, and resumes from its cache", async () => {
    process.env.OPENAI_API_KEY = "none";
    const dir = tempDir();
    const prompts = join(dir, "favour.json");
    await manipulate("prompts", "--judge", "human", "--out", prompts);
    const args = ["generate", "--questions", "mt-bench", "--model", "mock/model", "--base-url", loopback.server.url, "--system-prompt", prompts, "--out", dir];
    const first = await manipulate(...args);
    expect(first.error).toBeUndefined();
    expect(first.stdout).toContain("calls: 160 done, 0 failed, 0 reused");
    const bench = join(dir, "fastchat", "data", "turn1");
    const questions = FASTCHAT_QUESTIONS_FILE.parse(readFileSync(join(bench, "question.jsonl"), "utf8"), "question.jsonl");
    expect(questions.map((q) => q.question_id)).toEqual(Array.from({ length: 80 }, (_, i) => 81 + i));
    expect(questions.every((q) => q.turns.length === 1)).toBe(true);
    expect(
      readFileSync(join(bench, "reference_answer", "gpt-4.jsonl"), "utf8")
        .split("\n")
        .filter(Boolean).length,
    ).toBeGreaterThan(0);
    for (const [model, steered] of [
      ["mock_model", false],
      ["mock_model+favour-human", true],
    ] as const) {
      const answers = FASTCHAT_ANSWERS_FILE.parse(readFileSync(join(bench, "model_answer", `${model}.jsonl`), "utf8"), model);
      expect(answers).toHaveLength(80);
      expect(answers[0]!.model_id).toBe(model);
      expect(answers[0]!.choices[0]!.turns).toHaveLength(1);
      expect(answers[0]!.choices[0]!.turns[0]).toContain("Compose an engaging travel blog post");
      expect(answers[0]!.choices[0]!.turns[0]!.includes("As instructed, this answer aims to be: No severe errors; Novel; Contain rich info.")).toBe(steered);
      const outputs = ALPACA_EVAL_OUTPUTS_FILE.parse(readFileSync(join(dir, "alpaca_eval", model, "model_outputs.json"), "utf8"), model);
      expect(outputs).toHaveLength(80);
      expect(outputs[5]).toEqual({ instruction: questions[5]!.turns[0], output: answers[5]!.choices[0]!.turns[0], generator: model });
    }
    const again = await manipulate(...args);
    expect(again.stdout).toContain("calls: 0 done, 0 failed, 160 reused");
  });

  it("answers an AlpacaEval list, and refuses a questions file in neither format in one line", async () => {
    process.env.OPENAI_API_KEY = "none";
    const dir = tempDir();
    const list = join(dir, "eval.json");
    writeFileSync(list, JSON.stringify([{ instruction: "Name three rivers.", dataset: "helpful_base" }, { instruction: "Say hi." }]));
    const run = await manipulate("generate", "--questions", list, "--model", "m", "--base-url", loopback.server.url, "--out", dir);
    expect(run.error).toBeUndefined();
    const outputs = ALPACA_EVAL_OUTPUTS_FILE.parse(readFileSync(join(dir, "alpaca_eval", "m", "model_outputs.json"), "utf8"), "m");
    expect(outputs.map((o) => [o.instruction, o.generator, o.dataset])).toEqual([
      ["Name three rivers.", "m", "helpful_base"],
      ["Say hi.", "m", undefined],
    ]);
    const csv = join(dir, "q.csv");
    writeFileSync(csv, "question\nwhy?\n");
    const bad = await manipulate("generate", "--questions", csv, "--model", "m", "--base-url", loopback.server.url, "--out", dir);
    expect(bad.error?.message).toBe(
      `${csv} is neither MT-Bench questions (JSON lines with question_id, category, turns) nor an AlpacaEval instruction set (a JSON list of objects with instruction)`,
    );
  });
});

describe("pd manipulate dpo", () => {
  it("writes TRL-shaped pairs from the synthetic dataset, with the kept count per group", async () => {
    const dir = tempDir();
    const data = join(dir, "synthetic.parquet");
    expect((await runCommand(registerSynth, ["synth", "--weights", "released", "--seed", "0", "--out", data])).error).toBeUndefined();
    const out = join(dir, "dpo.jsonl");
    const run = await manipulate("dpo", "--pairs", data, "--judge", "gpt-4-1106-preview", "--out", out);
    expect(run.error).toBeUndefined();
    const pairs = DPO_PAIRS_FILE.parse(readFileSync(out, "utf8"), out);
    const kept = Number(/kept (\d+) of 5240 pairs \(SYNTHETIC data\)/.exec(run.stderr)?.[1]);
    expect(pairs).toHaveLength(kept);
    expect(kept).toBeGreaterThan(1000);
    expect(Object.keys(pairs[0]!)).toEqual(["prompt", "chosen", "rejected"]);
    expect(pairs[0]!.chosen).not.toBe(pairs[0]!.rejected);
    const perGroup = [...run.stderr.matchAll(/^ {2}(\S.*?)\s+(\d+) of (\d+)$/gm)];
    expect(perGroup).toHaveLength(11);
    expect(perGroup.reduce((sum, match) => sum + Number(match[2]), 0)).toBe(kept);
    const reversedOut = join(dir, "reversed.jsonl");
    await manipulate("dpo", "--pairs", data, "--judge", "gpt-4-1106-preview", "--inverse", "--out", reversedOut);
    expect(DPO_PAIRS_FILE.parse(readFileSync(reversedOut, "utf8"), reversedOut)[0]).toEqual({
      prompt: pairs[0]!.prompt,
      chosen: pairs[0]!.rejected,
      rejected: pairs[0]!.chosen,
    });
  });
});

describe("pd manipulate gameability", () => {
  it("prints a point estimate from the released weights", async () => {
    const run = await manipulate("gameability", "--judge", "human", "--top", "3");
    expect(run.error).toBeUndefined();
    expect(run.stdout).toContain("released weights, 5034 pairs of pd synth --weights released --seed 0 (SYNTHETIC data), point estimate");
    expect(run.stdout).toMatch(/Largest gains:\n {2}no severe errors\s+\+\d+\.\d\d\n/);
    expect(run.stdout).toContain("reported by the paper, not reproduced here");
  });

  it("adds a 90 % interval from a refit's posterior draws", async () => {
    const refit = tempDir();
    const weightsDir = madeUpWeightsDir();
    cpSync(weightsDir, join(refit, "weights"), { recursive: true });
    const vector = (group: string) =>
      readFileSync(join(weightsDir, `model_${group}_fitted_paras.jsonl`), "utf8")
        .split("\n")
        .map((line) => (line ? JSON.parse(line) : undefined))
        .find((row) => row?.model_name === "human").parameters as number[];
    for (const group of GROUP_IDS) {
      // Two folds of ten draws each, as a 2-fold NUTS refit keeps them.
      const draws = Array.from({ length: 20 }, (_, d) => vector(group).map((w) => w + (d - 9.5) / 50));
      for (const fold of [0, 1]) {
        const body = { result: { kind: "nuts", fit: { mean: vector(group), draws: draws.slice(fold * 10, fold * 10 + 10) } }, seconds: 1 };
        await saveFit(refit, { judge: "human", group, fold, folds: 2, fingerprint: "test", body });
      }
    }
    const out = join(refit, "gameability.json");
    const run = await manipulate("gameability", "--judge", "human", "--weights", refit, "--out", out);
    expect(run.error).toBeUndefined();
    expect(run.stdout).toContain("90 % interval from 20 posterior draws");
    const report = GAMEABILITY_FILE.parse(readFileSync(out, "utf8"), out);
    expect(report.mass).toBe(0.9);
    const mean = report.groups[0]!;
    expect(mean.group).toBe("mean");
    for (const gain of mean.gains) {
      expect(gain.low!).toBeLessThanOrEqual(gain.gain + 1e-9);
      expect(gain.high!).toBeGreaterThanOrEqual(gain.gain - 1e-9);
    }
    expect(JUDGE_IDS).toContain(report.judge);
  });
});
