#!/usr/bin/env bash
# The tests of every project that reads upstream files (projectConfig(dir, { upstream: true })),
# run without PD_MIRROR and with an empty cache. Where no network is reachable they must pass with
# exactly their upstream-data tests skipped, each with its reason (tools/ci/check-skips.mjs);
# where a network is, the files are downloaded and nothing is skipped. The other projects read no
# upstream files, so their run with PD_MIRROR (make test) stands for this case too.
# Run from the repository root; exits non-zero on a failure or a wrong skip.
set -uo pipefail
projects=$(node -e '
  const { readFileSync } = require("node:fs");
  const dirs = process.argv.slice(1).filter((config) => /upstream: true/.test(readFileSync(config, "utf8"))).map((config) => config.replace(/\/vitest\.config\.ts$/, ""));
  console.log(dirs.map((dir) => JSON.parse(readFileSync(`${dir}/package.json`, "utf8")).name).join(","));
' libs/*/vitest.config.ts apps/*/vitest.config.ts tests/*/vitest.config.ts)
echo "projects: $projects"
rm -rf data/cache/upstream reports/vitest
status=0
env -u PD_MIRROR npx nx run-many -t test -p "$projects" --outputStyle=static --parallel=2 || status=$?
node tools/test-summary.mjs reports/vitest || status=1
node tools/ci/check-skips.mjs reports/vitest upstream || status=1
exit $status
