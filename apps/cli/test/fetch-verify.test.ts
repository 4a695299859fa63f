import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { register as registerFetch } from "../src/commands/fetch.js";
import { register as registerVerify } from "../src/commands/verify.js";
import { runCommand } from "./run.js";

/** The mirror of upstream files; vitest.shared.ts sets it when ../shared/mirror sits beside the checkout. */
const MIRROR = process.env.PD_MIRROR ?? "";

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

describe.skipIf(!existsSync(MIRROR))("pd fetch + pd verify from the mirror", () => {
  it("fetches into a fresh data dir and verifies every claim", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "pd-cli-data-"));
    const figures = mkdtempSync(join(tmpdir(), "pd-cli-figures-"));
    process.env.PD_DATA_DIR = dataDir;
    try {
      const fetched = await runCommand(registerFetch, ["fetch", "--mirror", MIRROR]);
      expect(fetched.error).toBeUndefined();
      expect(fetched.stderr).toMatch(/21 artifacts ready: 21 fetched/);
      const again = await runCommand(registerFetch, ["fetch", "--mirror", MIRROR]);
      expect(again.stderr).toMatch(/0 fetched, 21 already present and verified/);
      const verified = await runCommand(registerVerify, ["verify", "--figures", figures]);
      expect(verified.error).toBeUndefined();
      expect(verified.stdout).toMatch(/claims: \d+ pass, 0 fail/);
      expect(readFileSync(join(figures, "REPORT.md"), "utf8")).toContain("Human P(no severe errors)");
    } finally {
      delete process.env.PD_DATA_DIR;
    }
  });
});
