import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, readRepoFile } from "./repo-root.js";

/**
 * Inline code spans that name a repository path: no spaces or placeholders, and either a folder
 * separator or a file extension (`libs/report/src/claims.ts`, `figures/`, `.prettierrc.json`).
 * Fenced blocks are commands, not paths, so they are left out.
 */
function pathsNamedIn(markdown: string): string[] {
  const prose = markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, "");
  const spans = [...prose.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]!);
  const links = [...prose.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)].map((match) => match[1]!).filter((target) => !/^[a-z]+:/.test(target));
  const paths = [...spans, ...links].filter((span) => /^[A-Za-z0-9_.][A-Za-z0-9_.\/-]*$/.test(span) && (span.includes("/") || /\.[A-Za-z]{1,5}$/.test(span)));
  return [...new Set(paths)];
}

/** The paths git ignores: generated outputs (figures/, reports/, dist/), which exist only after a run. */
function ignoredByGit(paths: readonly string[]): Set<string> {
  const result = spawnSync("git", ["-C", REPO_ROOT, "check-ignore", "--no-index", "--stdin"], { input: paths.join("\n"), encoding: "utf8" });
  // Exit 1 means none of them is ignored; anything else but 0 is a failure of git itself.
  if (result.status !== 0 && result.status !== 1) throw new Error(`git check-ignore failed: ${result.stderr || result.error}`);
  return new Set(result.stdout.split("\n").filter((line) => line !== ""));
}

describe("CONTRIBUTING.md", () => {
  const guide = readRepoFile("CONTRIBUTING.md");
  const paths = pathsNamedIn(guide);

  it("names the files of every recipe the guide promises", () => {
    const recipes = [...guide.matchAll(/^### (.+)$/gm)].map((match) => match[1]);
    expect(recipes).toEqual(["Add a figure", "Add a claim", "Add or version a prompt", "Add a judge to the catalog", "Add a dataset format"]);
    expect(paths).toEqual(
      expect.arrayContaining([
        "libs/figures/src/catalog.ts",
        "libs/report/src/claims.ts",
        "libs/data/src/catalog/judges.ts",
        "tests/repo/test/contributing.test.ts",
      ]),
    );
    expect(paths.length).toBeGreaterThan(40);
  });

  it("names only files and folders that exist, or outputs git ignores", () => {
    const generated = ignoredByGit(paths);
    const missing = paths.filter((path) => !generated.has(path) && !existsSync(resolve(REPO_ROOT, path)));
    expect(missing, "paths named in CONTRIBUTING.md that are not in the repository").toEqual([]);
  });

  it("treats placeholders and commands as prose, and finds paths in links", () => {
    const sample = [
      "`libs/x/<name>.ts`",
      "`npx pd figures --notebook <name>`",
      "`make test`",
      "`attempt(...)`",
      "`a/b.ts`",
      "[guide](docs/c.md#top)",
      "[site](https://example.org/x.md)",
      "```sh\nnpm ci tools/d.ts\n```",
    ].join("\n");
    expect(pathsNamedIn(sample)).toEqual(["a/b.ts", "docs/c.md"]);
  });
});
