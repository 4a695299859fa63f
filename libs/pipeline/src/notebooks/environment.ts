import { delimiter, join } from "node:path";

/** Folder holding the repository's kernelspec (written by tools/register-kernel.mjs). */
export function repoJupyterPath(root: string): string {
  return join(root, ".jupyter", "share", "jupyter");
}

/**
 * The environment notebooks run in: the caller's, with the repository's kernelspec folder first on
 * `JUPYTER_PATH` and the given variables (e.g. `PD_FIGURES_DIR`) set.
 */
export function notebookEnvironment(root: string, extra: Readonly<Record<string, string | undefined>> = {}): NodeJS.ProcessEnv {
  const inherited = process.env.JUPYTER_PATH;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    JUPYTER_PATH: inherited ? `${repoJupyterPath(root)}${delimiter}${inherited}` : repoJupyterPath(root),
  };
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) env[key] = value;
  return env;
}
