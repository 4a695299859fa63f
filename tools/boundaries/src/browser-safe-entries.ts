/**
 * Follows the run-time imports of every browser-safe main entry (`src/index.ts`) through its own
 * files and reports each Node-only import it reaches: a Node builtin (`node:fs`, `fs`,
 * `worker_threads`, …), a package listed in NODE_ONLY_PACKAGES, any subpath entry of a workspace
 * library (`@prefdissect/data/node`), or the main entry of a Node-only project. Per-file rules
 * cannot see this: the import that breaks a browser build may sit several files away.
 *
 * Another browser-safe library's main entry is not followed: it is checked on its own.
 */
import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { runtimeImports } from "./imports.js";
import { isBrowserSafe, type WorkspaceProject } from "./tags.js";
import type { Violation } from "./violation.js";

/**
 * npm packages that need Node: native add-ons, terminals, compilers and test runners. A
 * package that also runs in a browser (zod, arquero, hyparquet, vega, openai, …) is not listed.
 * Add a package here when a browser-safe library must never import it.
 */
export const NODE_ONLY_PACKAGES: readonly string[] = ["@resvg/resvg-js", "cli-progress", "commander", "tslab", "tsx", "vite", "vitest", "wabt", "zeromq"];

const BUILTINS = new Set(builtinModules.filter((name) => !name.startsWith("_")));

/** The package name of a bare specifier: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

/** Why a bare specifier is Node-only for a browser-safe entry, or undefined when it is not. */
function nodeOnlyReason(specifier: string, projects: ReadonlyMap<string, WorkspaceProject>): string | undefined {
  if (specifier.startsWith("node:")) return "a Node builtin";
  if (BUILTINS.has(specifier) || BUILTINS.has(packageOf(specifier))) return "a Node builtin";
  const name = packageOf(specifier);
  const project = projects.get(name);
  if (project !== undefined) {
    if (specifier !== name) return `the ${specifier.slice(name.length)} entry of ${name}, which is for Node only`;
    if (!isBrowserSafe(project)) return `the Node-only project ${name}`;
    return undefined;
  }
  if (NODE_ONLY_PACKAGES.includes(name)) return `the Node-only package ${name}`;
  return undefined;
}

/** The file a relative specifier names (`./x.js` → `./x.ts`), or undefined when none exists. */
function resolveRelative(fromFile: string, specifier: string): string | undefined {
  const base = resolve(dirname(fromFile), specifier);
  const candidates = [base.replace(/\.js$/, ".ts"), base.replace(/\.mjs$/, ".mts"), `${base}.ts`, join(base, "index.ts"), base];
  return candidates.find((candidate) => existsSync(candidate) && !candidate.endsWith("/"));
}

/** Node-only imports reachable from the main entry of every browser-safe project. */
export function browserSafeEntryViolations(workspaceRoot: string, projects: readonly WorkspaceProject[]): Violation[] {
  const byName = new Map(projects.map((project) => [project.name, project]));
  const violations: Violation[] = [];
  const rel = (file: string) => relative(workspaceRoot, file);
  for (const project of projects.filter(isBrowserSafe)) {
    const entry = join(workspaceRoot, project.root, "src", "index.ts");
    if (!existsSync(entry)) {
      violations.push({
        rule: "browser-safe-entry",
        file: `${project.root}/package.json`,
        message: `project ${project.name} is browser-safe but has no src/index.ts`,
      });
      continue;
    }
    // Breadth-first, so each file is reached by a shortest chain of imports from the entry.
    const via = new Map<string, string[]>([[entry, [rel(entry)]]]);
    const queue = [entry];
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      const chain = via.get(file)!;
      if (!file.endsWith(".ts")) continue;
      for (const { specifier, line } of runtimeImports(file, readFileSync(file, "utf8"))) {
        const place = { rule: "browser-safe-entry" as const, file: rel(file), line, import: specifier };
        const route = chain.length > 1 ? ` (${chain.join(" → ")})` : "";
        if (specifier.startsWith(".")) {
          // A bundler asset (`./data.parquet?url`, `./notes.json?raw`) is loaded as data, not run.
          if (specifier.includes("?")) continue;
          const target = resolveRelative(file, specifier);
          if (target === undefined) {
            violations.push({ ...place, message: `cannot be followed from the browser-safe entry ${rel(entry)}: no such file` });
          } else if (!via.has(target)) {
            via.set(target, [...chain, rel(target)]);
            queue.push(target);
          }
          continue;
        }
        const reason = nodeOnlyReason(specifier, byName);
        if (reason !== undefined) {
          violations.push({ ...place, message: `${reason}, reached from the browser-safe entry ${rel(entry)}${route}` });
        }
      }
    }
  }
  return violations;
}
