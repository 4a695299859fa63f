import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { vi } from "vitest";
import { GROUP_IDS, JUDGE_IDS } from "@prefdissect/data";

/** A folder of weight files in the released layout (small made-up weights, not the released ones). */
export function madeUpWeightsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "pd-synth-weights-"));
  GROUP_IDS.forEach((group, g) => {
    const lines = JUDGE_IDS.map((judge, j) =>
      JSON.stringify({ model_name: judge, parameters: Array.from({ length: 29 }, (_, k) => (((k + j + g) % 7) - 3) / 10) }),
    );
    writeFileSync(join(dir, `model_${group}_fitted_paras.jsonl`), lines.join("\n") + "\n");
  });
  return dir;
}

/** Runs one subcommand in-process and captures what it writes. */
export async function runCommand(register: (program: Command) => void, args: string[]): Promise<{ stdout: string; stderr: string; error?: Error }> {
  const program = new Command("pd").exitOverride();
  register(program);
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(["node", "pd", ...args]);
    return { stdout, stderr };
  } catch (error) {
    return { stdout, stderr, error: error as Error };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
