/**
 * A Jupyter notebook file (nbformat 4) and the form notebooks are stored in: no outputs, no
 * execution counts, tslab's own `language_info`, and nbformat's canonical text (keys sorted,
 * one-space indent, sources split into lines). A notebook stored that way is not marked changed
 * when Jupyter opens it, and a run that saved its outputs can be told apart (`isStoredForm`) and
 * cleaned (`storedForm`, used by the git filter in tools/notebook-filter.mjs).
 */
import { z } from "zod";
import { type JsonFormat, checkJson, parseJsonDocument } from "@prefdissect/shared";

const text = z.union([z.string(), z.array(z.string())]);

const OutputSchema = z.looseObject({
  output_type: z.string(),
  name: z.string().optional(),
  text: text.optional(),
  ename: z.string().optional(),
  evalue: z.string().optional(),
});

const CellSchema = z.looseObject({
  cell_type: z.enum(["code", "markdown", "raw"]),
  id: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()),
  source: text,
  outputs: z.array(OutputSchema).optional(),
  execution_count: z.number().int().nullable().optional(),
});

export const NotebookSchema = z.looseObject({
  cells: z.array(CellSchema),
  metadata: z.record(z.string(), z.unknown()),
  nbformat: z.literal(4),
  nbformat_minor: z.number().int().nonnegative(),
});
export type Notebook = z.infer<typeof NotebookSchema>;
export type NotebookCell = Notebook["cells"][number];

/** A cell's source (or an output's text) as one string. */
export function joinText(value: string | readonly string[] | undefined): string {
  return typeof value === "string" ? value : (value ?? []).join("");
}

/**
 * What tslab answers when Jupyter asks for its language (tslab/dist/jupyter.js). Jupyter copies it
 * into the notebook's metadata on opening; storing exactly this keeps an opened notebook clean.
 */
export const TSLAB_LANGUAGE_INFO = {
  codemirror_mode: { mode: "typescript", name: "javascript", typescript: true },
  file_extension: ".ts",
  mimetype: "text/typescript",
  name: "typescript",
  version: "3.7.2",
} as const;

/** Cell metadata a run or the notebook UI adds, which says nothing about the analysis. */
const TRANSIENT_CELL_METADATA = ["execution", "collapsed", "scrolled"];

/** The notebook as it is stored: outputs and execution counts removed, tslab's language info. */
export function storedForm(notebook: Notebook): Notebook {
  return {
    ...notebook,
    metadata: { ...notebook.metadata, language_info: TSLAB_LANGUAGE_INFO },
    cells: notebook.cells.map((cell) => {
      const metadata = Object.fromEntries(Object.entries(cell.metadata).filter(([key]) => !TRANSIENT_CELL_METADATA.includes(key)));
      return cell.cell_type === "code" ? { ...cell, metadata, outputs: [], execution_count: null } : { ...cell, metadata };
    }),
  };
}

/** Sources (and stream texts) as lists of lines, each keeping its newline, as nbformat writes them. */
function splitLines(value: string | readonly string[]): string[] {
  return joinText(value).match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** A copy of `value` with object keys sorted at every level. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

/**
 * nbformat's text of a notebook: keys sorted, indent 1, sources and stream outputs split into
 * lines, a final newline (what `nbformat.write` produces, so Jupyter rewrites it unchanged).
 */
export function notebookText(notebook: Notebook): string {
  const split = {
    ...notebook,
    cells: notebook.cells.map((cell) => ({
      ...cell,
      source: splitLines(cell.source),
      ...(cell.outputs !== undefined
        ? {
            outputs: cell.outputs.map((output) =>
              output.output_type === "stream" && output.text !== undefined ? { ...output, text: splitLines(output.text) } : output,
            ),
          }
        : {}),
    })),
  };
  return `${JSON.stringify(sortKeys(split), null, 1)}\n`;
}

/** A notebook file: read with validation, written in nbformat's canonical text. */
export const NOTEBOOK_FILE: JsonFormat<Notebook> = {
  what: "a Jupyter notebook (nbformat 4)",
  schema: NotebookSchema,
  parse: (source, file) => checkJson(parseJsonDocument(source, file, NOTEBOOK_FILE.what), NotebookSchema, { file, what: NOTEBOOK_FILE.what }),
  stringify: notebookText,
};

/** Whether a notebook file's text is exactly its stored form. */
export function isStoredForm(source: string, file: string): boolean {
  return notebookText(storedForm(NOTEBOOK_FILE.parse(source, file))) === source;
}
