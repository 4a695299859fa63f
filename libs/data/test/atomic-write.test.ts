// The atomic writer when the writer dies or the disk refuses: the target keeps its old bytes and
// no partial file ever carries its name.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileAtomic } from "../src/node.js";

const CHILD = join(import.meta.dirname, "atomic-write-child.ts");
const OLD = "old contents\n";
/** Larger than one 1 KiB block of `ulimit -f`, so a size limit stops the write part-way. */
const NEW_SIZE = 64 * 1024;

/** A folder holding `target.json` with the old contents. */
function folderWithTarget(): { dir: string; target: string } {
  const dir = mkdtempSync(join(tmpdir(), "pd-atomic-"));
  const target = join(dir, "target.json");
  writeFileSync(target, OLD);
  return { dir, target };
}

/** Runs the child writer under bash (for ulimit); resolves with its stdout once `until` matches or it exits. */
function runChild(script: string, until?: RegExp) {
  const child = spawn("bash", ["-c", script], { stdio: ["ignore", "pipe", "inherit"] });
  let stdout = "";
  const output = new Promise<string>((resolve) => {
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (until?.test(stdout)) resolve(stdout);
    });
    child.on("close", () => resolve(stdout));
  });
  return { child, output };
}

const node = (target: string, mode: string) => `exec "${process.execPath}" --import tsx "${CHILD}" "${target}" ${mode} ${NEW_SIZE}`;

describe("writeFileAtomic()", () => {
  it("writes the whole file, replacing the old one, and leaves no temporary file behind", async () => {
    const { dir, target } = folderWithTarget();
    await writeFileAtomic(target, "a\nb\n");
    expect(readFileSync(target, "utf8")).toBe("a\nb\n");
    await writeFileAtomic(join(dir, "sub", "out.jsonl"), new TextEncoder().encode("c\n").buffer);
    expect(readFileSync(join(dir, "sub", "out.jsonl"), "utf8")).toBe("c\n");
    expect(readdirSync(dir).sort()).toEqual(["sub", "target.json"]);
  });

  it("keeps the old file whole when the writer is killed between the temporary write and the rename", async () => {
    const { dir, target } = folderWithTarget();
    const { child, output } = runChild(node(target, "pause"), /^written .+\n/);
    const temporary = /^written (.+)\n/.exec(await output)![1]!;
    // The new bytes are all in the temporary file, beside the untouched target.
    expect(readFileSync(temporary)).toHaveLength(NEW_SIZE);
    expect(readFileSync(target, "utf8")).toBe(OLD);
    child.kill("SIGKILL");
    const [, signal] = await once(child, "exit");
    expect(signal).toBe("SIGKILL");
    expect(readFileSync(target, "utf8")).toBe(OLD);
    // What is left is the hidden temporary file, never a partial file under the target's name.
    expect(readdirSync(dir).sort()).toEqual([basename(temporary), "target.json"].sort());
    expect(basename(temporary)).toMatch(/^\.target\.json\.[0-9a-f]{12}\.tmp$/);
    // The next write goes through.
    await writeFileAtomic(target, "next\n");
    expect(readFileSync(target, "utf8")).toBe("next\n");
  });

  it("keeps the old file whole and removes the temporary one when the disk refuses part-way (file size limit)", async () => {
    const { dir, target } = folderWithTarget();
    // ulimit -f 1: the writer may write 1 KiB per file; Node ignores SIGXFSZ, so the write fails with EFBIG.
    const { child, output } = runChild(`ulimit -f 1 && ${node(target, "write")}`);
    const [code] = await once(child, "exit");
    expect(await output).toBe("failed EFBIG\n");
    expect(code).toBe(1);
    expect(readFileSync(target, "utf8")).toBe(OLD);
    expect(readdirSync(dir)).toEqual(["target.json"]);
  });

  it("keeps the old file whole and removes the temporary one when the step before the rename fails", async () => {
    const { dir, target } = folderWithTarget();
    const failure = new Error("stopped before the rename");
    await expect(writeFileAtomic(target, "new\n", { beforeRename: () => Promise.reject(failure) })).rejects.toBe(failure);
    expect(readFileSync(target, "utf8")).toBe(OLD);
    expect(readdirSync(dir)).toEqual(["target.json"]);
  });
});
