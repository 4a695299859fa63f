#!/usr/bin/env node
// Registers the repository's TypeScript kernel: writes
// <repo>/.jupyter/share/jupyter/kernels/tslab/kernel.json pointing at tools/tslab-kernel.sh.
// Paths are absolute and computed here, so the file is rewritten wherever the repo is cloned.
// Jupyter finds it when JUPYTER_PATH includes <repo>/.jupyter/share/jupyter (the Makefile and
// `pd figures` set that; see notebooks/README.md for interactive use).
// Usage: node tools/register-kernel.mjs   (prints the JUPYTER_PATH to use)
import { mkdirSync, writeFileSync, existsSync, chmodSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const wrapper = join(repo, "tools", "tslab-kernel.sh");
const tslab = join(repo, "node_modules", ".bin", "tslab");
const jupyterPath = join(repo, ".jupyter", "share", "jupyter");
const kernelDir = join(jupyterPath, "kernels", "tslab");

if (!existsSync(tslab)) {
  console.error(`register-kernel: ${tslab} is missing; run "npm ci" (or "make install") first.`);
  process.exit(1);
}
chmodSync(wrapper, 0o755);
mkdirSync(kernelDir, { recursive: true });
const spec = {
  argv: [wrapper, "{connection_file}"],
  display_name: "TypeScript (prefdissect)",
  language: "typescript",
  // tslab stops a running cell on SIGINT and ignores interrupt_request messages, so Kernel >
  // Interrupt must send the signal.
  interrupt_mode: "signal",
};
writeFileSync(join(kernelDir, "kernel.json"), `${JSON.stringify(spec, null, 2)}\n`);
console.log(`registered kernel "tslab" in ${kernelDir}`);
console.log(`use it with: export JUPYTER_PATH=${jupyterPath}`);
