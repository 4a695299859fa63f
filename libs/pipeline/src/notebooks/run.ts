import { basename, isAbsolute, join, resolve } from "node:path";
import { checkJupyter } from "./check.js";
import { notebookEnvironment } from "./environment.js";
import { executeNotebook } from "./execute.js";
import { listNotebooks, selectNotebooks } from "./list.js";

export interface RunNotebooksOptions {
  /** Repository root; notebooks live in `<root>/notebooks`. */
  readonly root: string;
  /** Notebook names to run; all when empty. */
  readonly names?: readonly string[];
  /** Where notebooks write figures (`PD_FIGURES_DIR`), relative to the root unless absolute. */
  readonly outDir?: string;
  /** Where executed copies go, relative to the root unless absolute. */
  readonly executedDir?: string;
  /** `PD_WEIGHTS` for the notebooks; inherited from the environment when absent. */
  readonly weights?: string;
  readonly timeoutSeconds?: number;
  /** Called before each notebook starts and after it finished. */
  readonly onNotebook?: (event: { name: string; phase: "start" | "done"; seconds?: number }) => void;
}

export const DEFAULT_FIGURES_DIR = "figures";
export const DEFAULT_EXECUTED_DIR = join("reports", "notebooks");

/** Checks Jupyter and the kernel, then executes the selected notebooks one after another. */
export async function runNotebooks(options: RunNotebooksOptions): Promise<string[]> {
  const { root } = options;
  const within = (path: string) => (isAbsolute(path) ? path : resolve(root, path));
  const notebooks = selectNotebooks(listNotebooks(join(root, "notebooks")), options.names ?? []);
  checkJupyter(root);
  // The kernel starts in the repository root, so a relative folder means the same thing to the
  // notebooks; keeping it relative keeps machine paths out of the executed copies.
  const env = notebookEnvironment(root, {
    PD_FIGURES_DIR: options.outDir ?? DEFAULT_FIGURES_DIR,
    PD_WEIGHTS: options.weights,
  });
  const executed: string[] = [];
  for (const notebook of notebooks) {
    const name = basename(notebook, ".ipynb");
    options.onNotebook?.({ name, phase: "start" });
    const started = Date.now();
    executed.push(
      await executeNotebook(notebook, {
        root,
        executedDir: within(options.executedDir ?? DEFAULT_EXECUTED_DIR),
        env,
        timeoutSeconds: options.timeoutSeconds ?? 600,
      }),
    );
    options.onNotebook?.({ name, phase: "done", seconds: (Date.now() - started) / 1000 });
  }
  return executed;
}
