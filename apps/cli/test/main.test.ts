import { describe, expect, it, vi } from "vitest";
import { main } from "../src/main.js";

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((c: string | Uint8Array) => ((out += String(c)), true));
  const e = vi.spyOn(process.stderr, "write").mockImplementation((c: string | Uint8Array) => ((err += String(c)), true));
  try {
    const code = await main(["node", "pd", ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe("pd", () => {
  it("lists every subcommand in --help", async () => {
    const { code, out } = await run(["--help"]);
    expect(code).toBe(0);
    for (const command of ["fetch", "figures", "report", "verify", "synth", "features", "refit", "regress", "annotate", "mock-server"]) {
      expect(out).toMatch(new RegExp(`^  ${command} `, "m"));
    }
  });

  it("answers a usage error with one line and exit code 2", async () => {
    const { code, err } = await run(["fetch", "--bogus"]);
    expect(code).toBe(2);
    expect(err.trim().split("\n")).toHaveLength(1);
    expect(err).toMatch(/unknown option '--bogus'/);
  });

  it("answers a user error with one 'pd:' line and exit code 1, without a stack trace", async () => {
    const { code, err } = await run(["refit", "--data", "/nonexistent/pairs.jsonl", "--folds", "0"]);
    expect(code).toBe(1);
    expect(err).toMatch(/^pd: --folds must be a whole number ≥ 1, got "0"\n$/);
  });
});
