import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { NotebookCell } from "../src/index.js";
import { cellErrorText, failingCellIndex, listNotebooks, notebookEnvironment, repoJupyterPath, selectNotebooks } from "../src/node.js";

const cells: NotebookCell[] = [
  { cell_type: "markdown", metadata: {}, source: ["# title"] },
  { cell_type: "code", metadata: {}, source: ["const a = 1;\n", "console.log(a);"] },
  { cell_type: "code", metadata: {}, source: 'throw new Error("boom");' },
];

describe("failingCellIndex()", () => {
  it("finds the code cell nbconvert quotes between its dashed lines", () => {
    const stderr =
      'Traceback...\nAn error occurred while executing the following cell:\n------------------\nthrow new Error("boom");\n------------------\n\n\n<Error>: \n';
    expect(failingCellIndex(stderr, cells)).toBe(2);
  });

  it("returns undefined when the message quotes no known cell", () => {
    expect(failingCellIndex("kernel died", cells)).toBeUndefined();
    expect(failingCellIndex("executing the following cell:\n---\nnot here\n---\n", cells)).toBeUndefined();
  });
});

describe("cellErrorText()", () => {
  it("prefers the error line over Node's code excerpt and drops stack frames", () => {
    const text = ["evalmachine.<anonymous>:2\n", 'throw new Error("boom");\n', "^\n", "\n", "Error: boom\n", "    at evalmachine.<anonymous>:2:7\n"];
    expect(cellErrorText({ outputs: [{ output_type: "stream", name: "stderr", text: text }] })).toBe("Error: boom");
  });

  it("keeps TypeScript diagnostics and uses error outputs when the kernel sends them", () => {
    const ts = { output_type: "stream", name: "stderr", text: "1:7 - Type 'string' is not assignable to type 'number'.\n" };
    expect(cellErrorText({ outputs: [ts] })).toBe("1:7 - Type 'string' is not assignable to type 'number'.");
    const error = { output_type: "error", ename: "RangeError", evalue: "bad" };
    expect(cellErrorText({ outputs: [error] })).toBe("RangeError: bad");
    expect(cellErrorText(undefined)).toBeUndefined();
  });
});

describe("listNotebooks() / selectNotebooks()", () => {
  const dir = mkdtempSync(join(tmpdir(), "notebooks-"));
  for (const name of ["b.ipynb", "a.ipynb", "a.executed.ipynb", "notes.md"]) writeFileSync(join(dir, name), "{}");
  const all = listNotebooks(dir);

  it("lists stored notebooks by name, without executed copies", () => {
    expect(all).toEqual([join(dir, "a.ipynb"), join(dir, "b.ipynb")]);
  });

  it("selects by name with or without .ipynb and names the known ones for a typo", () => {
    expect(selectNotebooks(all, ["b", "a.ipynb"])).toEqual([join(dir, "b.ipynb"), join(dir, "a.ipynb")]);
    expect(selectNotebooks(all, [])).toEqual(all);
    expect(() => selectNotebooks(all, ["c"])).toThrow(/no notebook named "c" \(known: a, b\)/);
  });
});

describe("notebookEnvironment()", () => {
  it("puts the repository kernelspec first on JUPYTER_PATH and sets the given variables", () => {
    const env = notebookEnvironment("/repo", { PD_FIGURES_DIR: "figures", PD_WEIGHTS: undefined });
    expect(env.JUPYTER_PATH!.split(":")[0]).toBe(repoJupyterPath("/repo"));
    expect(env.PD_FIGURES_DIR).toBe("figures");
  });
});
