# prefdissect: data -> notebooks -> figures -> report. `make help` lists every target.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export NX_DAEMON := false
export NX_NO_CLOUD := true
export NX_TUI := false
export NX_SKIP_NX_CACHE := true

NODE_MODULES := node_modules/.package-lock.json

.PHONY: help
help: ## List every target with its description
	@echo "prefdissect targets:"
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(NODE_MODULES): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

.PHONY: install
install: $(NODE_MODULES) ## Install npm packages from the lockfile and build the libraries

.PHONY: build
build: $(NODE_MODULES) ## Compile every library and the CLI to dist/
	node node_modules/typescript/bin/tsc -b tsconfig.build.json

.PHONY: test
test: $(NODE_MODULES) ## Typecheck and test every project; ends with "N passed, N failed"
	@rm -rf reports/vitest
	@status=0; npx nx run-many -t typecheck test --outputStyle=static --parallel=2 || status=$$?; \
	node tools/test-summary.mjs reports/vitest || status=1; exit $$status

# ---------------------------------------------------------------------------------------------
# Figures: data -> notebooks -> figures/ -> report. `pd figures` executes the notebooks, so this
# Makefile and the CLI share one implementation.
#   WEIGHTS=released|refit|refit:<folder>  which regression weights the notebooks plot (default
#                                          released); DATA= is accepted as an alias. Passed on as
#                                          PD_WEIGHTS.
#   NOTEBOOKS="fig01-communication-dissection ..."  run only these notebooks.
#   PD_MIRROR=<dir>                        read upstream files from a local mirror (the fetcher).
# ---------------------------------------------------------------------------------------------
KERNEL_SPEC := .jupyter/share/jupyter/kernels/tslab/kernel.json
PD_WEIGHTS_SETTING := $(or $(WEIGHTS),$(DATA))
ifneq ($(PD_WEIGHTS_SETTING),)
export PD_WEIGHTS := $(PD_WEIGHTS_SETTING)
endif
NOTEBOOK_FLAGS := $(foreach notebook,$(NOTEBOOKS),--notebook $(notebook))

.PHONY: jupyter
jupyter: ## Check for Jupyter (nbconvert); install it with apt when root on Debian/Ubuntu
	@sh tools/ensure-jupyter.sh

.PHONY: kernel
kernel: $(NODE_MODULES) ## Register the TypeScript (tslab) kernel for this repo in .jupyter/
	@node tools/register-kernel.mjs

.PHONY: data
data: build ## Download the upstream files into data/raw (checksums verified; honours PD_MIRROR)
	npx pd fetch

.PHONY: figures
figures: jupyter kernel build data ## Execute every notebook: figures/*.svg|png|json, then figures/REPORT.md
	npx pd figures $(NOTEBOOK_FLAGS)
	@npx pd report --help >/dev/null 2>&1 || { \
	  echo "make: 'pd report' is not available (apps/cli/src/commands/report.ts); figures/ is written but REPORT.md is not" >&2; exit 1; }
	npx pd report

.PHONY: verify
verify: figures ## Build the figures, then check the paper's headline claims (non-zero exit on a miss)
	npx pd verify

.PHONY: clean
clean: ## Remove generated files: figures/, reports/, .jupyter/, build output (keeps data/)
	rm -rf figures reports .jupyter
	rm -rf libs/*/dist apps/*/dist
