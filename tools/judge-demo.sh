#!/bin/sh
# Adds a judge end to end without a key, the way docs/judges.md describes it:
#   pd synth (released weights, seed 0) → pd mock-server imitating a released judge
#   → pd judge collect → pd judge add --fast
# and stops the server it started. Usage: tools/judge-demo.sh [out-dir]
# JUDGE (default gpt-4-1106-preview), PAIRS (default 3000) and CERTAINTY (default 2) change the run.
set -eu
out=${1:-data/derived/judge-demo}
judge=${JUDGE:-gpt-4-1106-preview}
pairs=${PAIRS:-3000}
certainty=${CERTAINTY:-2}
pd="node apps/cli/bin/pd.js"
mkdir -p "$out"

$pd synth --weights released --seed 0 --pairs "$pairs" --out "$out/synth.parquet"

$pd mock-server --port 0 --judge "$judge" --judge-data "$out/synth.parquet" --certainty "$certainty" >"$out/mock-server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT INT TERM
url=""
tries=0
while [ -z "$url" ]; do
  if ! kill -0 "$server" 2>/dev/null; then cat "$out/mock-server.log" >&2; exit 1; fi
  tries=$((tries + 1))
  if [ "$tries" -gt 120 ]; then echo "the mock server did not start; see $out/mock-server.log" >&2; exit 1; fi
  sleep 1
  url=$(sed -n 's|^mock server listening on \(http://[^,]*/v1\).*|\1|p' "$out/mock-server.log")
done
echo "mock server at $url imitates $judge"

OPENAI_API_KEY=none $pd judge collect --data "$out/synth.parquet" --model "imitated-$judge" --base-url "$url" --out "$out/collect"
$pd judge add --data "$out/synth.parquet" --labels "$out/collect/labels.json" --name "imitated-$judge" --fast --out "$out/added"
echo "the placement of imitated-$judge: $out/added/placement.md"
