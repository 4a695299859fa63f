/**
 * The sharded-refit job definitions (deploy/sharded-refit/, .github/workflows/refit-sharded.yml)
 * parse, and the commands they run are real: each definition's shell is run with a stand-in `npx`
 * that records its arguments, which must be `pd refit` with flags the command has, one --shard per
 * task covering 1/n … n/n, and an aggregate run with the same arguments minus --shard.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { parseShardSpec } from "@prefdissect/refit";
import { buildProgram } from "../src/main.js";

const ROOT = resolve(import.meta.dirname, "../../..");
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

/** A folder with an `npx` that prints its arguments as one JSON line. */
function recordingNpx(): string {
  const dir = mkdtempSync(join(tmpdir(), "pd-fake-npx-"));
  writeFileSync(join(dir, "npx"), `#!/usr/bin/env node\nprocess.stdout.write(JSON.stringify(process.argv.slice(2)) + "\\n");\n`);
  chmodSync(join(dir, "npx"), 0o755);
  return dir;
}
const NPX = recordingNpx();

/** Runs a shell command with the recording npx first on PATH; the argument lists it was called with. */
function npxCalls(shell: "sh" | "bash", args: string[], env: Record<string, string>): string[][] {
  const out = execFileSync(shell, args, { env: { PATH: `${NPX}:${process.env.PATH}`, HOME: tmpdir(), ...env }, encoding: "utf8" });
  return out
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as string[]);
}

const refitFlags = new Set(
  buildProgram()
    .commands.find((c) => c.name() === "refit")!
    .options.map((o) => o.long!),
);

/** Checks one recorded call is `pd refit` with known flags; returns its flags without --shard and the shard. */
function checkRefitCall(call: string[]): { rest: string[]; shard?: string } {
  expect(call.slice(0, 2)).toEqual(["pd", "refit"]);
  const args = call.slice(2);
  for (const arg of args) if (arg.startsWith("--")) expect(refitFlags, `pd refit has no ${arg}`).toContain(arg);
  expect(args).toContain("--data");
  expect(args).toContain("--out");
  const at = args.indexOf("--shard");
  if (at < 0) return { rest: args };
  const shard = args[at + 1]!;
  parseShardSpec(shard);
  return { rest: [...args.slice(0, at), ...args.slice(at + 2)], shard };
}

/** All n shards, each once, and the aggregate with the shards' arguments minus --shard. */
function checkShardSet(shardCalls: string[][], aggregateCall: string[], n: number): void {
  const checked = shardCalls.map(checkRefitCall);
  expect(checked.map((c) => c.shard)).toEqual(Array.from({ length: n }, (_, k) => `${k + 1}/${n}`));
  for (const c of checked) expect(c.rest).toEqual(checked[0]!.rest);
  const aggregate = checkRefitCall(aggregateCall);
  expect(aggregate.shard).toBeUndefined();
  expect(aggregate.rest).toEqual(checked[0]!.rest);
}

interface Container {
  command: string[];
  args: string[];
  env: { name: string; value: string }[];
  volumeMounts: { name: string; mountPath: string }[];
}
interface K8sJob {
  kind: string;
  spec: {
    completionMode?: string;
    completions?: number;
    parallelism?: number;
    template: { spec: { containers: Container[]; volumes: { name: string; persistentVolumeClaim?: { claimName: string } }[] } };
  };
}

function k8sJob(path: string): K8sJob {
  const docs = parseAllDocuments(read(path));
  expect(docs).toHaveLength(1);
  expect(docs[0]!.errors).toEqual([]);
  return docs[0]!.toJS() as K8sJob;
}

function containerCalls(container: Container, extraEnv: Record<string, string> = {}): string[][] {
  expect(container.command).toEqual(["sh", "-c"]);
  const env = Object.fromEntries(container.env.map((e) => [e.name, e.value]));
  return npxCalls("sh", ["-c", container.args.join(" ")], { ...env, ...extraEnv });
}

describe("Kubernetes job definitions", () => {
  it("run one shard per completion index, on a shared volume, then an aggregate over the same folder", () => {
    const shards = k8sJob("deploy/sharded-refit/kubernetes-indexed-job.yaml");
    const aggregate = k8sJob("deploy/sharded-refit/kubernetes-aggregate-job.yaml");
    expect(shards.kind).toBe("Job");
    expect(shards.spec.completionMode).toBe("Indexed");
    const n = shards.spec.completions!;
    expect(shards.spec.parallelism).toBe(n);
    const container = shards.spec.template.spec.containers[0]!;
    expect(container.env.find((e) => e.name === "SHARDS")?.value).toBe(String(n));
    const calls = Array.from({ length: n }, (_, index) => containerCalls(container, { JOB_COMPLETION_INDEX: String(index) })[0]!);
    const aggregateContainer = aggregate.spec.template.spec.containers[0]!;
    checkShardSet(calls, containerCalls(aggregateContainer)[0]!, n);

    // The output folder lies on the mounted claim, the same claim in both jobs.
    for (const job of [shards, aggregate]) {
      const c = job.spec.template.spec.containers[0]!;
      const out = c.env.find((e) => e.name === "PD_OUT")!.value;
      const mount = c.volumeMounts[0]!;
      expect(out.startsWith(`${mount.mountPath}/`)).toBe(true);
      expect(job.spec.template.spec.volumes.find((v) => v.name === mount.name)?.persistentVolumeClaim?.claimName).toBe("prefdissect-shared");
    }
  });
});

describe("Slurm array script", () => {
  const script = join(ROOT, "deploy/sharded-refit/slurm-array.sh");

  it("is valid bash whose array tasks run shards 1…n and whose plain job aggregates", () => {
    execFileSync("bash", ["-n", script]);
    const array = /^#SBATCH --array=1-(\d+)$/m.exec(read("deploy/sharded-refit/slurm-array.sh"));
    expect(array).not.toBeNull();
    const n = Number(array![1]);
    const env = {
      PD_DATA: "/cluster/pairs.parquet",
      PD_OUT: "/cluster/refit",
      PD_REFIT_ARGS: "--judges human --method mode",
      PD_REPO: ROOT,
      SLURM_JOB_ID: "7",
      SLURM_CPUS_PER_TASK: "2",
    };
    const calls = Array.from(
      { length: n },
      (_, k) => npxCalls("bash", [script], { ...env, SLURM_ARRAY_TASK_ID: String(k + 1), SLURM_ARRAY_TASK_COUNT: String(n) })[0]!,
    );
    checkShardSet(calls, npxCalls("bash", [script], env)[0]!, n);
    expect(calls[0]).toEqual(expect.arrayContaining(["--out", "/cluster/refit", "--judges", "human", "--method", "mode"]));
  });

  it("refuses to start without the shared output folder", () => {
    expect(() => execFileSync("bash", [script], { env: { PATH: process.env.PATH!, PD_DATA: "x" }, stdio: "pipe" })).toThrow(/PD_OUT/);
  });
});

describe(".github/workflows/refit-sharded.yml", () => {
  interface Step {
    name?: string;
    uses?: string;
    run?: string;
    if?: string;
    with?: Record<string, unknown>;
  }
  interface Job {
    needs?: string;
    strategy?: { matrix: { shard: number[] } };
    steps: Step[];
  }
  const workflow = parse(read(".github/workflows/refit-sharded.yml")) as {
    on: Record<string, unknown>;
    env: Record<string, string | number>;
    jobs: Record<string, Job>;
  };

  /** A step's shell with the workflow expressions it uses filled in. */
  const shell = (run: string, shard?: number) =>
    run.replace(/\$\{\{ matrix\.shard \}\}/g, String(shard)).replace(/\$\{\{ inputs\.data == 'synthetic' && '([^']+)' \|\| 'hf' \}\}/g, "$1");
  const refitStep = (job: Job) => job.steps.find((s) => s.run?.includes("pd refit"))!;

  it("starts only by hand", () => {
    expect(Object.keys(workflow.on)).toEqual(["workflow_dispatch"]);
  });

  it("fits one shard per matrix entry and aggregates the downloaded fits with the same command", () => {
    const { shard, aggregate } = workflow.jobs;
    const n = Number(workflow.env.SHARDS);
    expect(shard!.strategy!.matrix.shard).toEqual(Array.from({ length: n }, (_, k) => k + 1));
    expect(aggregate!.needs).toBe("shard");
    const env = {
      SHARDS: String(n),
      REFIT_ARGS: parse(read(".github/workflows/refit-sharded.yml")).on.workflow_dispatch.inputs["refit-args"].default as string,
    };
    const calls = shard!.strategy!.matrix.shard.map((k) => npxCalls("bash", ["-c", shell(refitStep(shard!).run!, k)], env)[0]!);
    checkShardSet(calls, npxCalls("bash", ["-c", shell(refitStep(aggregate!).run!)], env)[0]!, n);

    // What each shard uploads is what the aggregate downloads, into the folder its --out reads.
    const out = calls[0]![calls[0]!.indexOf("--out") + 1];
    const upload = shard!.steps.find((s) => s.uses?.startsWith("actions/upload-artifact"))!;
    const download = aggregate!.steps.find((s) => s.uses?.startsWith("actions/download-artifact"))!;
    expect(upload.with!.path).toBe(`${out}/fits/`);
    expect(download.with).toMatchObject({ path: `${out}/fits/`, "merge-multiple": true, pattern: "refit-fits-*" });
    expect(String(upload.with!.name)).toMatch(/^refit-fits-\$\{\{ matrix\.shard \}\}$/);
  });
});
