import { Command } from "commander";
import { vi } from "vitest";

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
