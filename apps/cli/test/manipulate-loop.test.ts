/**
 * docs/manipulation.md's loop, run as written against the loopback server: its `pd manipulate`
 * lines are read from the document and executed in order, so the document cannot drift from the
 * commands. The judging step between generate and compare is FastChat's (Python, a GPT-4 key);
 * here a stand-in grader writes FastChat's judgment file and AlpacaEval's annotations in their
 * formats, grading an answer higher when it shows the qualities the system message asked for.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "@prefdissect/data/node";
import { ALPACA_EVAL_OUTPUTS_FILE, FASTCHAT_ANSWERS_FILE } from "@prefdissect/manipulation";
import { register as registerManipulate } from "../src/commands/manipulate.js";
import { useLoopbackServer } from "./loopback.js";
import { runCommand } from "./run.js";

const loopback = useLoopbackServer();

/** The `pd manipulate` lines of the first sh block under "## The loop, end to end". */
function loopCommands(): string[][] {
  const doc = readFileSync(join(repoRoot(), "docs", "manipulation.md"), "utf8");
  const section = doc.slice(doc.indexOf("## The loop, end to end"));
  const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
  return block
    .split("\n")
    .filter((line) => line.startsWith("pd manipulate "))
    .map((line) => line.split(/\s+/).slice(1));
}

/** The stand-in judge: 8 for an answer that shows the asked-for qualities, 5 otherwise. */
const grade = (answer: string) => (answer.includes("As instructed, this answer aims to be:") ? 8 : 5);

describe("the loop of docs/manipulation.md", () => {
  it("runs prompts → generate → judge → compare against the loopback server", async () => {
    process.env.OPENAI_API_KEY = "none";
    const dir = mkdtempSync(join(tmpdir(), "pd-loop-"));
    const commands = loopCommands().map((args) => args.map((arg) => arg.replace("runs/loop", dir).replace("http://127.0.0.1:8787/v1", loopback.server.url)));
    expect(commands.map((args) => args[1])).toEqual(["prompts", "generate", "compare"]);
    const [prompts, generate, compare] = commands as [string[], string[], string[]];
    for (const args of [prompts, generate]) {
      const run = await runCommand(registerManipulate, args);
      expect(run.error).toBeUndefined();
    }

    // Judging, in FastChat's and AlpacaEval's formats.
    const bench = join(dir, "fastchat", "data", "turn1");
    const judgments: string[] = [];
    for (const file of readdirSync(join(bench, "model_answer"))) {
      for (const answer of FASTCHAT_ANSWERS_FILE.parse(readFileSync(join(bench, "model_answer", file), "utf8"), file)) {
        const text = answer.choices[0]!.turns[0]!;
        judgments.push(
          JSON.stringify({
            question_id: answer.question_id,
            model: answer.model_id,
            judge: ["gpt-4", "single-v1"],
            user_prompt: "…",
            judgment: `Rating: [[${grade(text)}]]`,
            score: grade(text),
            turn: 1,
            tstamp: 0,
          }),
        );
      }
    }
    mkdirSync(join(bench, "model_judgment"), { recursive: true });
    writeFileSync(join(bench, "model_judgment", "gpt-4_single.jsonl"), `${judgments.join("\n")}\n`);
    const models = readdirSync(join(dir, "alpaca_eval")).sort();
    expect(models).toEqual(["mock", "mock+favour-gpt-4-1106-preview"]);
    const [reference, steered] = models.map((model) =>
      ALPACA_EVAL_OUTPUTS_FILE.parse(readFileSync(join(dir, "alpaca_eval", model, "model_outputs.json"), "utf8"), model),
    ) as [ReturnType<typeof ALPACA_EVAL_OUTPUTS_FILE.parse>, ReturnType<typeof ALPACA_EVAL_OUTPUTS_FILE.parse>];
    const annotations = steered.map((entry, i) => ({
      instruction: entry.instruction,
      output_1: reference[i]!.output,
      generator_1: reference[i]!.generator,
      output_2: entry.output,
      generator_2: entry.generator,
      preference: grade(entry.output) > grade(reference[i]!.output) ? 2 : grade(entry.output) < grade(reference[i]!.output) ? 1 : 1.5,
    }));
    const annotationsFile = join(dir, "annotations.json");
    writeFileSync(annotationsFile, JSON.stringify(annotations));

    const run = await runCommand(registerManipulate, [...compare, "--alpaca-eval", annotationsFile]);
    expect(run.error).toBeUndefined();
    expect(run.stdout).toMatch(/mock\+favour-gpt-4-1106-preview\s+8\.00 {2}\(80 questions, \+3\.00 vs the lowest\)/);
    expect(run.stdout).toMatch(/\n {2}mock\s+5\.00 {2}\(80 questions/);
    expect(run.stdout).toContain("mock+favour-gpt-4-1106-preview vs mock: 100.00 % (80 won, 0 lost, 0 tied of 80)");
    expect(basename(generate.at(-1)!)).toBe(basename(dir));
  });
});
