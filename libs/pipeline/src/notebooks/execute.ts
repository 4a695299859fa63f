/**
 * Executes one notebook headlessly with `jupyter nbconvert --execute` into a scratch folder (the
 * stored notebook keeps no outputs). Timing metadata is switched off so executed copies are
 * byte-stable too.
 *
 * When a cell fails, nbconvert names the cell but not tslab's message (tslab reports errors on
 * stderr, not as an error reply). So the notebook is run once more with errors allowed, and the
 * failing cell's stderr is read from that copy to give one message naming notebook, cell and error.
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { PrefDissectError } from "@prefdissect/shared";
import { NOTEBOOK_FILE, joinText, type NotebookCell } from "../notebook-file.js";

export interface ExecuteOptions {
  /** Repository root (the kernel's working directory) used to print short paths. */
  readonly root: string;
  /** Folder for the executed copies. */
  readonly executedDir: string;
  readonly env: NodeJS.ProcessEnv;
  /** Per-cell timeout in seconds. */
  readonly timeoutSeconds: number;
}

interface RunResult {
  readonly status: number;
  readonly stderr: string;
}

function nbconvert(notebook: string, output: string, options: ExecuteOptions, allowErrors: boolean): Promise<RunResult> {
  const args = [
    "nbconvert",
    "--to",
    "notebook",
    "--execute",
    "--ExecutePreprocessor.kernel_name=tslab",
    "--ExecutePreprocessor.record_timing=False",
    `--ExecutePreprocessor.timeout=${options.timeoutSeconds}`,
    ...(allowErrors ? ["--allow-errors"] : []),
    "--output-dir",
    options.executedDir,
    "--output",
    output,
    notebook,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn("jupyter", args, { env: options.env, cwd: options.root, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ status: code ?? 1, stderr }));
  });
}

/** The cell nbconvert quotes in its error (between its dashed lines), as an index into `cells`. */
export function failingCellIndex(stderr: string, cells: readonly Pick<NotebookCell, "cell_type" | "source">[]): number | undefined {
  const quoted = /executing the following cell:\n-+\n([\s\S]*?)\n-+\n/.exec(stderr)?.[1]?.trim();
  if (quoted === undefined) return undefined;
  const index = cells.findIndex((cell) => cell.cell_type === "code" && joinText(cell.source).trim() === quoted);
  return index < 0 ? undefined : index;
}

/** First line(s) of a failing cell's error: error outputs first, else its stderr stream. */
export function cellErrorText(cell: Pick<NotebookCell, "outputs"> | undefined): string | undefined {
  const outputs = cell?.outputs ?? [];
  const error = outputs.find((output) => output.output_type === "error");
  if (error !== undefined && (error.ename || error.evalue)) return `${error.ename ?? "Error"}: ${error.evalue ?? ""}`.trim();
  const stderr = outputs
    .filter((output) => output.output_type === "stream" && output.name === "stderr")
    .map((output) => joinText(output.text))
    .join("");
  const lines = stderr.split("\n").filter((line) => line.trim() !== "" && !/^\s+at /.test(line));
  // Prefer the error lines themselves (a thrown "XError: …" or a TypeScript "1:7 - …"
  // diagnostic) over the code excerpt Node prints above a runtime error.
  const errors = lines.filter((line) => /^([A-Za-z]*Error)\b/.test(line) || /^\d+:\d+ - /.test(line));
  const chosen = errors.length > 0 ? errors : lines;
  return chosen.length > 0 ? chosen.slice(0, 3).join(" | ") : undefined;
}

/** The cells of a notebook file; none when it cannot be read (the caller then names no cell). */
function readCells(path: string): NotebookCell[] {
  try {
    return NOTEBOOK_FILE.parse(readFileSync(path, "utf8"), path).cells;
  } catch {
    return [];
  }
}

/** Runs a notebook; resolves with the executed copy's path, or throws naming the failing cell. */
export async function executeNotebook(notebook: string, options: ExecuteOptions): Promise<string> {
  mkdirSync(options.executedDir, { recursive: true });
  const name = basename(notebook);
  const executed = join(options.executedDir, name);
  const diagnostics = name.replace(/\.ipynb$/, ".failed.ipynb");
  const run = await nbconvert(notebook, name, options, false);
  if (run.status === 0) {
    rmSync(join(options.executedDir, diagnostics), { force: true });
    return executed;
  }

  const shown = relative(options.root, notebook) || notebook;
  const stored = readCells(notebook);
  const index = failingCellIndex(run.stderr, stored);
  if (index === undefined) {
    const tail = run.stderr.trim().split("\n").slice(-3).join(" | ");
    throw new PrefDissectError("notebook-failed", `notebook ${shown} failed before running its cells: ${tail}`, { file: shown });
  }
  await nbconvert(notebook, diagnostics, options, true);
  const message = cellErrorText(readCells(join(options.executedDir, diagnostics))[index]) ?? "the kernel reported an error without a message";
  const firstLine = joinText(stored[index]!.source).trim().split("\n")[0]!;
  throw new PrefDissectError(
    "notebook-failed",
    `notebook ${shown} failed in cell ${index + 1} (\`${firstLine}\`): ${message}; outputs are in ${relative(options.root, join(options.executedDir, diagnostics))}`,
    { file: shown, field: `cell ${index + 1}` },
  );
}
