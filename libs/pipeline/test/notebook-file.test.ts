import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "@prefdissect/data/node";
import { listNotebooks } from "../src/node.js";
import { NOTEBOOK_FILE, TSLAB_LANGUAGE_INFO, isStoredForm, notebookText, storedForm } from "../src/index.js";

/** A notebook with outputs as `nbformat.writes` (nbformat 5.5) writes it, plus the final newline `nbformat.write` adds. */
const NBFORMAT_TEXT = `{
 "cells": [
  {
   "cell_type": "markdown",
   "id": "a-0",
   "metadata": {},
   "source": [
    "# Title\\n",
    "second line"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 3,
   "id": "a-1",
   "metadata": {
    "scrolled": true,
    "tags": [
     "parameters"
    ]
   },
   "outputs": [
    {
     "name": "stdout",
     "output_type": "stream",
     "text": [
      "é 1\\n",
      "ok\\n"
     ]
    }
   ],
   "source": [
    "const x = 1;\\n",
    "console.log(\\"é\\", x);"
   ]
  }
 ],
 "metadata": {
  "kernelspec": {
   "display_name": "TypeScript (prefdissect)",
   "language": "typescript",
   "name": "tslab"
  }
 },
 "nbformat": 4,
 "nbformat_minor": 5
}
`;

describe("notebook files", () => {
  it("are written exactly as nbformat writes them, whatever the key order and line splitting read", () => {
    const notebook = NOTEBOOK_FILE.parse(NBFORMAT_TEXT, "a.ipynb");
    expect(notebookText(notebook)).toBe(NBFORMAT_TEXT);
    const shuffled = {
      nbformat_minor: 5,
      metadata: notebook.metadata,
      nbformat: 4,
      cells: notebook.cells.map((cell) => ({ ...cell, source: [cell.source].flat().join("") })),
    };
    expect(notebookText(NOTEBOOK_FILE.parse(JSON.stringify(shuffled), "a.ipynb"))).toBe(NBFORMAT_TEXT);
  });

  it("are stored without outputs, counts and view state, with tslab's language info", () => {
    expect(isStoredForm(NBFORMAT_TEXT, "a.ipynb")).toBe(false);
    const stored = storedForm(NOTEBOOK_FILE.parse(NBFORMAT_TEXT, "a.ipynb"));
    expect(stored.cells[1]).toMatchObject({ outputs: [], execution_count: null, metadata: { tags: ["parameters"] } });
    expect(stored.cells[1]!.metadata).not.toHaveProperty("scrolled");
    expect(stored.metadata.language_info).toEqual(TSLAB_LANGUAGE_INFO);
    expect(isStoredForm(notebookText(stored), "a.ipynb")).toBe(true);
  });

  it("name the file and field when they are not notebooks", () => {
    expect(() => NOTEBOOK_FILE.parse('{"cells": [], "metadata": {}, "nbformat": 3, "nbformat_minor": 0}', "old.ipynb")).toThrow(
      /^old\.ipynb: field "nbformat" must be 4, got 3; expected a Jupyter notebook/,
    );
  });
});

describe("the stored notebooks in notebooks/", () => {
  const notebooks = listNotebooks(join(repoRoot(), "notebooks"));

  it("exist", () => {
    expect(notebooks.length).toBeGreaterThanOrEqual(8);
  });

  for (const path of notebooks) {
    it(`${path.split("/").at(-1)} has no outputs and is in nbformat's canonical form (run \`make notebook-filter\` before committing)`, () => {
      const text = readFileSync(path, "utf8");
      const notebook = NOTEBOOK_FILE.parse(text, path);
      expect(notebook.cells.flatMap((cell) => cell.outputs ?? [])).toEqual([]);
      expect(isStoredForm(text, path)).toBe(true);
      expect(notebook.cells.filter((cell) => cell.cell_type === "code" && (cell.metadata.tags as string[] | undefined)?.includes("parameters"))).toHaveLength(
        1,
      );
    });
  }
});
