import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readRepoFile } from "./repo-root.js";

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
}
interface Workflow {
  readonly on: unknown;
  readonly jobs: Record<string, { "runs-on": string; steps: Step[] }>;
}

function workflow(): Workflow {
  return parse(readRepoFile(".github/workflows/ci.yml")) as Workflow;
}

/** The `npm ci` and `make …` commands .ci/run executes, with their arguments, in order. */
function ciRunCommands(): string[] {
  const script = readRepoFile(".ci/run").replace(/\\\n\s*/g, " ");
  const commands: string[] = [];
  for (const line of script.split("\n")) {
    if (/^\s*(#|echo\b)/.test(line)) continue;
    const match = /(npm ci\b|make [a-z-]+\b)(.*)$/.exec(line);
    if (match === null) continue;
    // The command ends where the shell's plumbing starts.
    const tail = match[2]!.split(/\s(?:\|\|?|&&|;|2>&1|then)(?:\s|$)|;/)[0]!;
    commands.push(`${match[1]}${tail}`);
  }
  return commands;
}

/** True when `run` runs `command` itself, not a longer target that starts the same way. */
function runsCommand(run: string, command: string): boolean {
  for (let at = run.indexOf(command); at >= 0; at = run.indexOf(command, at + 1)) {
    if (!/[\w-]/.test(run.charAt(at + command.length))) return true;
  }
  return false;
}

function normalise(command: string): string {
  return command
    .replace(/\s+/g, " ")
    .replace(/PD_MIRROR="\$mirror" /g, "")
    .trim();
}

describe(".github/workflows/ci.yml", () => {
  it("parses as YAML with one job on ubuntu-latest using Node from .nvmrc and the npm cache", () => {
    const { jobs } = workflow();
    const job = Object.values(jobs)[0]!;
    expect(job["runs-on"]).toBe("ubuntu-latest");
    const setupNode = job.steps.find((step) => step.uses?.startsWith("actions/setup-node"));
    expect(setupNode?.with).toMatchObject({ "node-version-file": ".nvmrc", cache: "npm" });
  });

  it("runs the same commands as .ci/run, in the same order", () => {
    const steps = Object.values(workflow().jobs)[0]!.steps;
    const runs = steps.flatMap((step) => (step.run === undefined ? [] : [normalise(step.run)]));
    const expected = ciRunCommands().map(normalise);
    expect(expected.length).toBeGreaterThanOrEqual(4);
    let cursor = 0;
    for (const command of expected) {
      const found = runs.findIndex((run, index) => index >= cursor && runsCommand(run, command));
      expect(found, `workflow has no step running "${command}" after step ${cursor}`).toBeGreaterThanOrEqual(0);
      cursor = found + 1;
    }
  });

  it("fetches upstream files from their real URLs (no mirror) and uploads figures and reports", () => {
    const steps = Object.values(workflow().jobs)[0]!.steps;
    expect(steps.map((step) => `${step.run ?? ""} ${JSON.stringify(step.with ?? {})}`).join("\n")).not.toMatch(/PD_MIRROR/);
    expect(JSON.stringify(workflow())).not.toMatch(/"env"[^}]*PD_MIRROR/);
    const upload = steps.find((step) => step.uses?.startsWith("actions/upload-artifact"));
    expect(String(upload?.with?.path)).toMatch(/figures\/[\s\S]*reports\//);
  });

  it("matches Node's version floor in package.json", () => {
    const floor = (JSON.parse(readRepoFile("package.json")) as { engines: { node: string } }).engines.node;
    expect(`>=${readRepoFile(".nvmrc").trim()}`).toBe(floor);
  });
});
