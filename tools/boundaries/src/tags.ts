/**
 * The tags every project carries in its package.json (`"nx": {"tags": [...]}`), and the check
 * that each has exactly one of each kind. docs/architecture.md lists the projects and layers.
 *
 *   type:lib | type:app | type:tool
 *   scope:browser-safe (the main entry `src/index.ts` runs in a browser; `src/node.ts` may not)
 *   | scope:node (Node-only project)
 *   layer:<n>-<name> (libs and apps; a project may import only projects of a lower n)
 */
import type { Violation } from "./violation.js";

export const PROJECT_TYPES = ["lib", "app", "tool"] as const;
export const SCOPES = ["browser-safe", "node"] as const;
export const LAYER_TAG = /^layer:(\d)-[a-z][a-z0-9-]*$/;

/** A workspace project as the Nx project graph describes it. */
export interface WorkspaceProject {
  readonly name: string;
  /** Folder relative to the workspace root, e.g. `libs/data`. */
  readonly root: string;
  readonly tags: readonly string[];
}

export const isBrowserSafe = (project: WorkspaceProject): boolean => project.tags.includes("scope:browser-safe");

/** Missing, repeated or unknown tags of one project. */
export function tagViolations(project: WorkspaceProject): Violation[] {
  const file = `${project.root}/package.json`;
  const problems: string[] = [];
  const ofKind = (kind: string) => project.tags.filter((tag) => tag.startsWith(`${kind}:`));
  const exactlyOne = (kind: string, allowed: readonly string[]) => {
    const tags = ofKind(kind);
    if (tags.length !== 1 || !allowed.includes(tags[0]!.slice(kind.length + 1))) {
      problems.push(
        `needs exactly one "${kind}:" tag of ${allowed.map((value) => `${kind}:${value}`).join(", ")} (has ${tags.length === 0 ? "none" : tags.join(", ")})`,
      );
    }
  };
  exactlyOne("type", PROJECT_TYPES);
  exactlyOne("scope", SCOPES);
  const layers = ofKind("layer");
  const isTool = project.tags.includes("type:tool");
  if (isTool && layers.length > 0) problems.push(`a tool takes no "layer:" tag (has ${layers.join(", ")})`);
  if (!isTool && (layers.length !== 1 || !LAYER_TAG.test(layers[0]!))) {
    problems.push(`needs exactly one "layer:<n>-<name>" tag, n = 0…9 (has ${layers.length === 0 ? "none" : layers.join(", ")})`);
  }
  return problems.map((problem) => ({ rule: "project-tags", file, message: `project ${project.name} ${problem}` }));
}
