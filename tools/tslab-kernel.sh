#!/bin/sh
# Starts the tslab (TypeScript) Jupyter kernel from the repository root. tslab compiles notebook
# cells with the kernel's working directory as TypeScript rootDir and resolves packages from there,
# so starting at the root (not in notebooks/) lets cells import the workspace packages and makes
# relative paths such as `figures/` mean the same thing in Jupyter, VS Code and `make figures`.
# Jupyter calls this with the connection file as the only argument (see tools/register-kernel.mjs).
cd "$(dirname "$0")/.." || exit 1
exec node_modules/.bin/tslab kernel --config-path "$1"
