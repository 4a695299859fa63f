/**
 * The boundary check must fail when a boundary is broken. This test copies the workspace (its
 * configuration and every project's package.json, src/ and test/) to a temporary folder, breaks
 * it there, runs the check's command line in the copy and reads what it reports. The real
 * workspace is never touched; the copy is removed afterwards.
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Violation } from "../src/violation.js";

const ROOT = resolve(import.meta.dirname, "../../..");
const CLI = resolve(import.meta.dirname, "../src/cli.ts");

/** The files the check reads, without dist/, node_modules/ or data. */
function copyWorkspace(target: string): void {
  for (const file of ["package.json", "nx.json", "tsconfig.base.json", "eslint.config.mjs"]) cpSync(join(ROOT, file), join(target, file));
  for (const area of ["libs", "apps", "tools", "tests"]) {
    for (const project of readdirSync(join(ROOT, area))) {
      const from = join(ROOT, area, project);
      if (!existsSync(join(from, "package.json"))) continue;
      cpSync(join(from, "package.json"), join(target, area, project, "package.json"));
      for (const folder of ["src", "test"])
        if (existsSync(join(from, folder))) cpSync(join(from, folder), join(target, area, project, folder), { recursive: true });
    }
  }
  // Installed packages are shared, but the workspace's own packages must resolve to the copy.
  mkdirSync(join(target, "node_modules", "@prefdissect"), { recursive: true });
  for (const entry of readdirSync(join(ROOT, "node_modules"))) {
    if (entry !== "@prefdissect") symlinkSync(join(ROOT, "node_modules", entry), join(target, "node_modules", entry));
  }
  for (const link of readdirSync(join(ROOT, "node_modules", "@prefdissect"))) {
    symlinkSync(realpathSync(join(ROOT, "node_modules", "@prefdissect", link)).replace(ROOT, target), join(target, "node_modules", "@prefdissect", link));
  }
}

async function runCheck(cwd: string, files: string[]): Promise<{ code: number; violations: Violation[] }> {
  const env = { ...process.env, NX_DAEMON: "false", NX_NO_CLOUD: "true", NX_TUI: "false" };
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", CLI, "--json", ...files], { cwd, env, maxBuffer: 1 << 24 });
    return { code: 0, violations: JSON.parse(stdout) as Violation[] };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (failed.code !== 1 || !failed.stdout) throw new Error(`the check crashed: ${failed.stderr ?? String(error)}`);
    return { code: 1, violations: JSON.parse(failed.stdout) as Violation[] };
  }
}

describe("the boundary check on a broken copy of the workspace", () => {
  const copy = mkdtempSync(join(tmpdir(), "pd-boundaries-"));
  let result: { code: number; violations: Violation[] };
  beforeAll(async () => {
    copyWorkspace(copy);
    // An upward import: regression (layer 2) uses similarity (layer 3).
    writeFileSync(join(copy, "libs/regression/src/upward-probe.ts"), 'import { pearson } from "@prefdissect/similarity";\nexport const probe = pearson;\n');
    // Node-only imports two files away from a browser-safe main entry, beside a type-only one.
    writeFileSync(
      join(copy, "libs/similarity/src/node-probe.ts"),
      [
        'import type { Stats } from "node:fs";',
        'import { readFileSync } from "node:fs";',
        'import { loadFeatureDataset } from "@prefdissect/data/node";',
        'import { Resvg } from "@resvg/resvg-js";',
        "export const probe = [readFileSync, loadFeatureDataset, Resvg] as const;",
        "export type ProbeStats = Stats;",
        "",
      ].join("\n"),
    );
    writeFileSync(join(copy, "libs/similarity/src/probe-hop.ts"), 'export { probe } from "./node-probe.js";\n');
    writeFileSync(
      join(copy, "libs/similarity/src/index.ts"),
      `${readFileSync(join(copy, "libs/similarity/src/index.ts"), "utf8")}export { probe } from "./probe-hop.js";\n`,
    );
    // A new project without tags.
    mkdirSync(join(copy, "libs/untagged/src"), { recursive: true });
    writeFileSync(join(copy, "libs/untagged/package.json"), JSON.stringify({ name: "@prefdissect/untagged", version: "0.1.0", private: true, type: "module" }));
    writeFileSync(join(copy, "libs/untagged/src/index.ts"), "export const untagged = 1;\n");
    result = await runCheck(copy, ["libs/regression/src/upward-probe.ts", "libs/similarity/src"]);
  }, 300_000);
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  const found = (rule: Violation["rule"], file: string, specifier?: string) =>
    result.violations.filter((violation) => violation.rule === rule && violation.file === file && violation.import === specifier);

  it("exits 1", () => {
    expect(result.code).toBe(1);
  });

  it("reports the upward import, naming the file, the line and the import", () => {
    const [upward, ...more] = found("module-boundaries", "libs/regression/src/upward-probe.ts", "@prefdissect/similarity");
    expect(more).toEqual([]);
    expect(upward).toMatchObject({ line: 1, message: 'A project tagged with "/^layer:2-/" can only depend on libs tagged with "/^layer:[0-1]-/"' });
  });

  it("reports each Node-only import reachable from the browser-safe entry, and not the type-only one", () => {
    const file = "libs/similarity/src/node-probe.ts";
    const route = "(libs/similarity/src/index.ts → libs/similarity/src/probe-hop.ts → libs/similarity/src/node-probe.ts)";
    const reached = result.violations.filter((violation) => violation.rule === "browser-safe-entry");
    expect(reached).toEqual([
      {
        rule: "browser-safe-entry",
        file,
        line: 2,
        import: "node:fs",
        message: `a Node builtin, reached from the browser-safe entry libs/similarity/src/index.ts ${route}`,
      },
      {
        rule: "browser-safe-entry",
        file,
        line: 3,
        import: "@prefdissect/data/node",
        message: `the /node entry of @prefdissect/data, which is for Node only, reached from the browser-safe entry libs/similarity/src/index.ts ${route}`,
      },
      {
        rule: "browser-safe-entry",
        file,
        line: 4,
        import: "@resvg/resvg-js",
        message: `the Node-only package @resvg/resvg-js, reached from the browser-safe entry libs/similarity/src/index.ts ${route}`,
      },
    ]);
  });

  it("reports a project without tags", () => {
    expect(result.violations.filter((violation) => violation.rule === "project-tags").map((violation) => [violation.file, violation.message])).toEqual([
      ["libs/untagged/package.json", 'project @prefdissect/untagged needs exactly one "type:" tag of type:lib, type:app, type:tool (has none)'],
      ["libs/untagged/package.json", 'project @prefdissect/untagged needs exactly one "scope:" tag of scope:browser-safe, scope:node (has none)'],
      ["libs/untagged/package.json", 'project @prefdissect/untagged needs exactly one "layer:<n>-<name>" tag, n = 0…9 (has none)'],
    ]);
  });

  it("reports nothing else", () => {
    const expected = new Set(["libs/regression/src/upward-probe.ts", "libs/similarity/src/node-probe.ts", "libs/untagged/package.json"]);
    expect(result.violations.filter((violation) => !expected.has(violation.file))).toEqual([]);
  });
});
