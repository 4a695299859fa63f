#!/usr/bin/env node
// Keeps notebooks in their stored form: no outputs or execution counts, tslab's language info,
// nbformat's canonical text (see libs/pipeline/src/notebook-file.ts).
//
//   node tools/notebook-filter.mjs < a.ipynb > clean.ipynb   as a git clean filter (stdin → stdout)
//   node tools/notebook-filter.mjs --write notebooks/*.ipynb rewrites the files in place
//
// `make notebook-filter` registers the filter for this clone, so `git add` stores a notebook
// without the outputs a Jupyter run saved into it while the working file keeps them.
import { readFileSync, writeFileSync } from "node:fs";

let pipeline;
try {
  pipeline = await import("@prefdissect/pipeline");
} catch {
  console.error("notebook-filter: @prefdissect/pipeline is not built; run `make build` (or `npm ci`) first");
  process.exit(1);
}
const { NOTEBOOK_FILE, notebookText, storedForm } = pipeline;

const stored = (text, file) => notebookText(storedForm(NOTEBOOK_FILE.parse(text, file)));

try {
  const [mode, ...files] = process.argv.slice(2);
  if (mode === undefined) {
    process.stdout.write(stored(readFileSync(0, "utf8"), "(stdin)"));
  } else if (mode === "--write") {
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const clean = stored(text, file);
      if (clean !== text) {
        writeFileSync(file, clean);
        console.error(`notebook-filter: stored ${file} without outputs`);
      }
    }
  } else {
    console.error("usage: node tools/notebook-filter.mjs [--write <notebook>...]   (no arguments: filter stdin to stdout)");
    process.exit(2);
  }
} catch (error) {
  console.error(`notebook-filter: ${error.message}`);
  process.exit(1);
}
