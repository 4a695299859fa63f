#!/bin/sh
# Adds a judge end to end without a key, the way docs/judges.md describes it:
#   pd synth (released weights, seed 0) → pd mock-server imitating a released judge
#   → pd judge collect → pd judge add --fast (tools/imitated-judge.sh)
# Usage: tools/judge-demo.sh [out-dir]
# JUDGE (default gpt-4-1106-preview), PAIRS (default 3000) and CERTAINTY (default 2) change the run.
set -eu
out=${1:-data/derived/judge-demo}
judge=${JUDGE:-gpt-4-1106-preview}
pairs=${PAIRS:-3000}
certainty=${CERTAINTY:-2}
mkdir -p "$out"

node apps/cli/bin/pd.js synth --weights released --seed 0 --pairs "$pairs" --out "$out/synth.parquet"
sh tools/imitated-judge.sh "$out/synth.parquet" "$judge" "$certainty" "imitated-$judge" "$out"
echo "the placement of imitated-$judge: $out/added/placement.md"
