import { describe, expect, it } from "vitest";
import { readRepoFile } from "./repo-root.js";

/** Release headings in Keep a Changelog form: `## [1.2.3] - 2026-01-31`. */
function releasedVersions(changelog: string): string[] {
  return [...changelog.matchAll(/^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$/gm)].map((match) => match[1]!);
}

describe("CHANGELOG.md", () => {
  const changelog = readRepoFile("CHANGELOG.md");

  it("starts with an Unreleased section", () => {
    const headings = [...changelog.matchAll(/^## .*$/gm)].map((match) => match[0]);
    expect(headings[0]).toBe("## [Unreleased]");
  });

  it("names the package version as its newest release", () => {
    const { version } = JSON.parse(readRepoFile("package.json")) as { version: string };
    expect(releasedVersions(changelog)[0]).toBe(version);
  });

  it("lists every workspace package at the root version", () => {
    const { version, workspaces } = JSON.parse(readRepoFile("package.json")) as { version: string; workspaces: string[] };
    expect(workspaces.length).toBeGreaterThan(0);
    const lock = JSON.parse(readRepoFile("package-lock.json")) as { packages: Record<string, { name?: string; version?: string }> };
    const workspacePackages = Object.entries(lock.packages).filter(([path]) => /^(libs|apps|tests)\/[^/]+$/.test(path));
    expect(workspacePackages.length).toBeGreaterThan(0);
    for (const [path, entry] of workspacePackages) expect(`${path}@${entry.version}`).toBe(`${path}@${version}`);
  });
});
