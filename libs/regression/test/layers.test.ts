/**
 * The folders of src/ form layers (README.md): the sampler (nuts/) knows nothing of the model or
 * the WebAssembly kernel, the kernel (wasm/) nothing of the model, and the main entry nothing
 * Node-only. Checked on the import statements of the sources.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../src/", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Every `from "…"` specifier of a file: relative ones as paths under src/, others as written. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/\bfrom\s+"([^"]+)"/g)].map(([, spec]) =>
    spec!.startsWith(".") ? relative(SRC, resolve(dirname(file), spec!)).replace(/\.js$/, ".ts") : spec!,
  );
}

/** The top-level folder (or file) of a path under src/. */
const layerOf = (path: string) => path.split("/")[0]!;

/** For each folder, the folders and top-level files of src/ it may import. */
const ALLOWED: Record<string, readonly string[]> = {
  nuts: ["nuts", "defaults.ts"],
  wasm: ["wasm", "nuts", "design.ts"],
  model: ["model", "nuts", "wasm", "design.ts"],
  diagnostics: ["diagnostics"],
};

describe("layers of src/", () => {
  const files = sourceFiles(SRC);

  it.each(Object.keys(ALLOWED))("%s/ imports only from the layers below it", (folder) => {
    const offending = files
      .filter((file) => layerOf(relative(SRC, file)) === folder)
      .flatMap((file) =>
        importsOf(file)
          .filter((spec) => !spec.startsWith("@") && !spec.includes(":"))
          .map((spec) => [relative(SRC, file), spec]),
      )
      .filter(([, spec]) => !ALLOWED[folder]!.includes(layerOf(spec!)));
    expect(offending).toEqual([]);
  });

  it("keeps Node-only modules out of everything but parallel/ (the main entry is browser-safe)", () => {
    const nodeOnly = files
      .filter((file) => layerOf(relative(SRC, file)) !== "parallel")
      .flatMap((file) =>
        importsOf(file)
          .filter((spec) => spec.startsWith("node:"))
          .map((spec) => [relative(SRC, file), spec]),
      );
    expect(nodeOnly).toEqual([]);
  });
});
