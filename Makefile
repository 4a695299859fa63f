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
	npx tsc -b tsconfig.build.json

.PHONY: test
test: $(NODE_MODULES) ## Typecheck and test every project; ends with "N passed, N failed"
	@rm -rf reports/vitest
	@status=0; npx nx run-many -t typecheck test --outputStyle=static --parallel=2 || status=$$?; \
	node tools/test-summary.mjs reports/vitest || status=1; exit $$status
