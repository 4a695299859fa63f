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
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-14s %s\n", $$1, $$2}'

$(NODE_MODULES): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

.PHONY: install
install: $(NODE_MODULES) ## Install npm packages from the lockfile and build the libraries

.PHONY: build
build: $(NODE_MODULES) ## Compile every library and the CLI to dist/
	node node_modules/typescript/bin/tsc -b tsconfig.build.json

.PHONY: test
test: $(NODE_MODULES) ## Typecheck and test every project, the module-boundary and formatting checks included; ends with "N passed, N failed"
	@rm -rf reports/vitest
	@status=0; npx nx run-many -t typecheck test --outputStyle=static --parallel=2 || status=$$?; \
	node tools/test-summary.mjs reports/vitest || status=1; exit $$status

.PHONY: mutation
mutation: $(NODE_MODULES) ## Mutation-test the claims, fetcher, atomic writer, fit store, features, k-fold and similarity (StrykerJS); per-module scores, fails below 80 % (docs/testing.md)
	node tools/mutation/run.mjs $(MODULES)

.PHONY: boundaries
boundaries: $(NODE_MODULES) ## Print every broken module boundary: tags, layers, Node-only code reachable from browser-safe entries (docs/architecture.md)
	npx tsx tools/boundaries/src/cli.ts

.PHONY: format
format: $(NODE_MODULES) ## Rewrite every file Prettier covers (.prettierrc.json, .prettierignore); make test fails on an unformatted file
	npx prettier --write --log-level warn .

# ---------------------------------------------------------------------------------------------
# Figures: data -> notebooks -> figures/ -> report. `pd figures` executes the notebooks, so this
# Makefile and the CLI share one implementation.
#   WEIGHTS=released|refit|refit:<folder>  which regression weights the notebooks plot (default
#                                          released). Passed on as PD_WEIGHTS.
#   DATA=synthetic|hf|<file>               draw the figures from a refit of that dataset instead
#                                          (the same as `make refit DATA=...`, into figures/refit/).
#   NOTEBOOKS="fig01-communication-dissection ..."  run only these notebooks.
#   PD_MIRROR=<dir>                        read upstream files from a local mirror (the fetcher).
#   PD_EXTRA_JUDGES=<dir>[,<dir>...]        draw judges added with pd judge add beside the 33.
# Figure 6 (right) is drawn from two scripted judges collected from the loopback server
# (tools/preference-strength.sh, into data/derived/preference-strength, once): this project runs
# no language models, so it shows the method, not the paper's data, and says so.
# ---------------------------------------------------------------------------------------------
KERNEL_SPEC := .jupyter/share/jupyter/kernels/tslab/kernel.json
PD_WEIGHTS_SETTING := $(WEIGHTS)
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

.PHONY: notebook
notebook: kernel build ## Open the notebooks in Jupyter's classic UI (needs jupyter-notebook; NOTEBOOK_ARGS="--no-browser --port 8888")
	@command -v jupyter >/dev/null 2>&1 && jupyter notebook --version >/dev/null 2>&1 || \
	  { echo "error: the notebook UI is not installed; install it with: sudo apt-get install -y jupyter-notebook (or python3 -m pip install notebook)" >&2; exit 1; }
	JUPYTER_PATH=$(CURDIR)/.jupyter/share/jupyter jupyter notebook --notebook-dir=notebooks \
	  $(if $(filter 0,$(shell id -u)),--allow-root) $(NOTEBOOK_ARGS)

.PHONY: notebook-filter
notebook-filter: build ## Make git store notebooks without outputs (registers tools/notebook-filter.mjs for this clone)
	git config filter.notebook-outputs.clean "node tools/notebook-filter.mjs"
	git config filter.notebook-outputs.required true
	@echo "git now stores notebooks/*.ipynb without outputs (see .gitattributes); the files you work on keep them"

.PHONY: data
data: build ## Download the upstream files into data/raw (checksums verified; honours PD_MIRROR)
	npx pd fetch

PREFERENCE_STRENGTH_DIR := data/derived/preference-strength
PREFERENCE_STRENGTH_RUNS := $(PREFERENCE_STRENGTH_DIR)/pretrained/collect=$(PREFERENCE_STRENGTH_DIR)/pretrained/added,$(PREFERENCE_STRENGTH_DIR)/aligned/collect=$(PREFERENCE_STRENGTH_DIR)/aligned/added
PREFERENCE_STRENGTH_DONE := $(PREFERENCE_STRENGTH_DIR)/aligned/added/placement.json

$(PREFERENCE_STRENGTH_DONE): | build data
	sh tools/preference-strength.sh $(PREFERENCE_STRENGTH_DIR)

.PHONY: preference-strength
preference-strength: $(PREFERENCE_STRENGTH_DONE) ## Collect and add two scripted judges from the loopback server for Figure 6 (right), once

# figures-notebooks only runs the notebooks. figures adds pd report; verify adds pd verify instead,
# which writes the same REPORT.md and also fails on a missed claim, so the report is written once.
.PHONY: figures figures-notebooks
ifeq ($(strip $(DATA)),)
figures-notebooks: jupyter kernel build data $(PREFERENCE_STRENGTH_DONE)
	npx pd figures $(NOTEBOOK_FLAGS) --judge-runs $(PREFERENCE_STRENGTH_RUNS)

figures: figures-notebooks ## Execute the paper notebooks: figures/*.svg|png|json and figures/REPORT.md (DATA=synthetic|hf|<file>: from a refit, as make refit)
	npx pd report
else
figures-notebooks figures: refit
endif

.PHONY: verify
verify: figures-notebooks ## Build the figures, then check the paper's headline claims and write figures/REPORT.md (non-zero exit on a miss)
	npx pd verify

# ---------------------------------------------------------------------------------------------
# Refit: annotated pairs -> pd refit -> every notebook on the refit weights -> figures/refit/.
#   DATA=synthetic|hf|<file>   dataset to refit (default synthetic: the stand-in pd synth writes
#                              from the released weights, seed 0, into $(SYNTHETIC_DATA), reused).
#   REFIT_ARGS="..."           extra pd refit flags, e.g. "--judges human,gpt-4-1106-preview --folds 3".
# The released figures in figures/ are never touched; the refit's go to figures/refit/ with their
# own REPORT.md. A refit of only some judges draws what was fitted (see notebooks/README.md).
# ---------------------------------------------------------------------------------------------
REFIT_DIR := data/derived/refit
REFIT_FIGURES := figures/refit
SYNTHETIC_DATA := data/derived/synthetic/synthetic.parquet
REFIT_DATA := $(or $(DATA),synthetic)
REFIT_INPUT := $(if $(filter synthetic,$(REFIT_DATA)),$(SYNTHETIC_DATA),$(REFIT_DATA))
# pd refit reads the file; the hf download is fetched by pd itself, so it is no prerequisite.
REFIT_INPUT_PREREQ := $(if $(filter hf,$(REFIT_INPUT)),,$(REFIT_INPUT))

# DATA names the dataset here, not the weights: the notebooks plot the refit.
refit verify-refit refit-figures: export PD_WEIGHTS := refit
refit verify-refit refit-figures: export PD_REFIT_DIR := $(REFIT_DIR)

$(SYNTHETIC_DATA): | build data
	npx pd synth --weights released --seed 0 --out $@

.PHONY: synthetic
synthetic: $(SYNTHETIC_DATA) ## Write the synthetic stand-in dataset (pd synth, released weights, seed 0), once

.PHONY: refit-fit
refit-fit: build data $(REFIT_INPUT_PREREQ) ## Only fit: pd refit --data <DATA> --out data/derived/refit $(REFIT_ARGS)
	npx pd refit --data $(REFIT_INPUT) --out $(REFIT_DIR) $(REFIT_ARGS)

.PHONY: refit-figures
refit-figures: jupyter kernel refit-fit ## Fit, then run every notebook on the refit into figures/refit/
	npx pd figures --weights refit --data $(REFIT_INPUT) --refit-dir $(REFIT_DIR) \
	  --out-dir $(REFIT_FIGURES) --executed-dir reports/notebooks-refit

.PHONY: refit
refit: refit-figures ## Refit DATA=synthetic|hf|<file> (REFIT_ARGS=...), draw figures/refit/, write its REPORT.md
	npx pd report --weights refit --refit-dir $(REFIT_DIR) --figures $(REFIT_FIGURES)

.PHONY: verify-refit
verify-refit: refit-figures ## Like refit, but pd verify: non-zero exit when a claim (or the synthetic recovery) fails
	npx pd verify --weights refit --refit-dir $(REFIT_DIR) --figures $(REFIT_FIGURES)

# ---------------------------------------------------------------------------------------------
# Demo: the paper's interactive demo as a static site (apps/demo). The build fetches the released
# weights through the fetcher (PD_MIRROR works) and bundles them with the synthetic dataset of
# `make synthetic`; nothing fetched is committed.
#   PORT=<n>   port of `make demo` (default 4173), on 127.0.0.1
# ---------------------------------------------------------------------------------------------
PORT ?= 4173

.PHONY: demo-build demo
demo-build: build $(SYNTHETIC_DATA) ## Build the demo site into apps/demo/dist/ (serve it from any static host)
	npm run build -w @prefdissect/demo

demo: demo-build ## Build the demo and serve it on 127.0.0.1 (PORT=4173 to choose; the URL is printed)
	node node_modules/vite/bin/vite.js preview --config apps/demo/vite.config.ts --host 127.0.0.1 --port $(PORT) --strictPort

# ---------------------------------------------------------------------------------------------
# Adding a judge without a key: pd synth → pd mock-server --judge <id> (a scripted judge that
# follows a released judge's weights) → pd judge collect → pd judge add --fast. See docs/judges.md.
#   JUDGE=<id>  the released judge to imitate (default gpt-4-1106-preview); PAIRS=<n> (default 3000)
# ---------------------------------------------------------------------------------------------
.PHONY: judge-demo
judge-demo: build data ## Add a judge end to end without a key (a loopback server imitating JUDGE=gpt-4-1106-preview) into data/derived/judge-demo
	sh tools/judge-demo.sh data/derived/judge-demo

.PHONY: bench
bench: $(NODE_MODULES) data ## Print the speed benchmarks (sampler, fast paths, refit): numbers only, no pass/fail
	npx tsx --conditions=@prefdissect/source bench/regression.bench.ts
	npx tsx --conditions=@prefdissect/source bench/regression-fast-path.bench.ts
	npx tsx --conditions=@prefdissect/source bench/refit.bench.ts

.PHONY: bench-mode
bench-mode: $(NODE_MODULES) ## Print the time of one posterior-mode fit at 5,240 / 100,000 / 1,000,000 synthetic rows, new solver against the old (BENCH_OLD_ROWS=<n> caps the old one's size)
	npx tsx --conditions=@prefdissect/source bench/regression-mode.bench.ts

.PHONY: bench-annotation
bench-annotation: $(NODE_MODULES) ## Print the annotation cache's resume start-up time and peak RSS on 1,000,000 cached calls (BENCH_RECORDS=n)
	npx tsx --conditions=@prefdissect/source bench/annotation-resume.bench.ts

.PHONY: bench-scale
bench-scale: $(NODE_MODULES) ## Print the cost-growth table: time and peak RSS of synth, features and a mode refit at 5,240 to 1,048,000 pairs, and one 100k-row NUTS fit (about an hour; BENCH_PAIRS=5240,52400 for a short run)
	npx tsx --conditions=@prefdissect/source bench/scale.bench.ts

.PHONY: bench-demo
bench-demo: demo-build ## Print the demo's speed in Chromium (first render, add a judge: mode and NUTS) and the site's size
	npx tsx --conditions=@prefdissect/source bench/demo.bench.ts

.PHONY: clean
clean: ## Remove generated files: figures/, reports/, .jupyter/, build output (keeps data/)
	rm -rf figures reports .jupyter
	rm -rf libs/*/dist apps/*/dist apps/demo/generated
