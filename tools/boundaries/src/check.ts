/**
 * The module-boundary check of the workspace, run by `make test` (this project's tests) and by
 * `make boundaries` (cli.ts). Three parts, one list of violations:
 *   1. every project carries its type, scope and layer tags (tags.ts);
 *   2. ESLint with `@nx/enforce-module-boundaries` (eslint.config.mjs): no upward import across
 *      layers, no browser-safe project depending on a Node-only one, no cycles, no relative
 *      imports into another project;
 *   3. no Node-only import reachable from a browser-safe main entry (browser-safe-entries.ts).
 */
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { createProjectGraphAsync, workspaceRoot } from "@nx/devkit";
import { ESLint } from "eslint";
import { browserSafeEntryViolations } from "./browser-safe-entries.js";
import { tagViolations, type WorkspaceProject } from "./tags.js";
import type { Violation } from "./violation.js";

export interface CheckOptions {
  /** Lint only these files (relative to the workspace root) with ESLint; default: every project's sources and tests. */
  readonly files?: readonly string[];
}

/** The workspace this process runs in: the nearest folder up from the working directory with nx.json. */
export const WORKSPACE_ROOT = workspaceRoot;

/** The workspace projects with their folders and tags, from the Nx project graph. */
export async function readWorkspaceProjects(): Promise<WorkspaceProject[]> {
  // Computing the graph also caches it, and the Nx rule reads that cache: without it, the rule
  // would skip every file with no more than a warning.
  const graph = await createProjectGraphAsync({ exitOnError: false });
  return Object.values(graph.nodes)
    .map((node) => ({ name: node.name, root: node.data.root, tags: node.data.tags ?? [] }))
    .sort((a, b) => a.root.localeCompare(b.root));
}

/** The import a line names, for messages: the first quoted string on it. */
function importOnLine(text: string, line: number): string | undefined {
  return /["']([^"']+)["']/.exec(text.split("\n")[line - 1] ?? "")?.[1];
}

async function moduleBoundaryViolations(root: string, files: readonly string[]): Promise<Violation[]> {
  const eslint = new ESLint({ cwd: root, errorOnUnmatchedPattern: false });
  const results = await eslint.lintFiles([...files]);
  return results.flatMap((result) => {
    const file = relative(root, result.filePath);
    const text = result.messages.length > 0 ? readFileSync(result.filePath, "utf8") : "";
    return result.messages.map((message) => {
      const specifier = importOnLine(text, message.line);
      return {
        rule: "module-boundaries" as const,
        file,
        line: message.line,
        ...(specifier !== undefined ? { import: specifier } : {}),
        message: message.message.split("\n")[0]!,
      };
    });
  });
}

/** Every broken boundary in the workspace (empty when all hold). */
export async function checkBoundaries(options: CheckOptions = {}): Promise<Violation[]> {
  const projects = await readWorkspaceProjects();
  const files = options.files ?? projects.flatMap((project) => [join(project.root, "src"), join(project.root, "test")]);
  return [
    ...projects.flatMap(tagViolations),
    ...(await moduleBoundaryViolations(WORKSPACE_ROOT, files)),
    ...browserSafeEntryViolations(WORKSPACE_ROOT, projects),
  ];
}
