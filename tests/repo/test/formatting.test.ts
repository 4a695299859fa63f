import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { REPO_ROOT } from "./repo-root.js";

const PRETTIER = join(dirname(createRequire(import.meta.url).resolve("prettier/package.json")), "bin", "prettier.cjs");

/** `prettier --check .` in `dir`, as a contributor runs it: the files it reports as unformatted. */
function unformattedFiles(dir: string): { status: number | null; files: string[]; output: string } {
  const result = spawnSync(process.execPath, [PRETTIER, "--check", "--no-color", "."], { cwd: dir, encoding: "utf8" });
  const output = `${result.stdout}${result.stderr}`;
  const files = [...output.matchAll(/^\[warn\] (?!Code style issues)(.+)$/gm)].map((match) => match[1]!);
  return { status: result.status, files, output };
}

// Prettier reads every file of the repository; on a busy machine that takes a while.
const WHOLE_REPOSITORY = 600_000;

describe("formatting (Prettier)", () => {
  it(
    "leaves no file of the repository unformatted (make format fixes what this lists)",
    () => {
      const { status, files, output } = unformattedFiles(REPO_ROOT);
      expect(files, "files Prettier would change; run make format").toEqual([]);
      expect(status, output).toBe(0);
    },
    WHOLE_REPOSITORY,
  );

  it("reports an unformatted file under the repository's settings, and passes once it is formatted", () => {
    const dir = mkdtempSync(join(tmpdir(), "pd-format-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    for (const file of [".prettierrc.json", ".prettierignore", ".editorconfig"]) copyFileSync(join(REPO_ROOT, file), join(dir, file));
    writeFileSync(join(dir, "formatted.ts"), 'export const judges = ["human", "gpt-4-1106-preview"];\n');
    writeFileSync(join(dir, "unformatted.ts"), "export const judges = [ 'human',\n 'gpt-4-1106-preview' ]\n");
    writeFileSync(join(dir, "package-lock.json"), '{"ignored":   true}\n');

    const before = unformattedFiles(dir);
    expect(before.files).toEqual(["unformatted.ts"]);
    expect(before.status).toBe(1);

    spawnSync(process.execPath, [PRETTIER, "--write", "."], { cwd: dir, encoding: "utf8" });
    expect(readFileSync(join(dir, "unformatted.ts"), "utf8")).toBe('export const judges = ["human", "gpt-4-1106-preview"];\n');
    expect(unformattedFiles(dir)).toMatchObject({ status: 0, files: [] });
  });
});
