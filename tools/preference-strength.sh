#!/bin/sh
# The runs the Figure 6 (right) notebook draws by default, without a key: two scripted judges on
# the same synthetic pairs, one following Mistral-7B's released weights with a low certainty, the
# other Mistral-7B-Instruct-v0.1's with a high one (the paper's finding: alignment makes a model more
# certain while its preferences stay alike). Each is collected and added (tools/imitated-judge.sh).
# Usage: tools/preference-strength.sh [out-dir]; PAIRS (default 3000) changes the run.
set -eu
out=${1:-data/derived/preference-strength}
pairs=${PAIRS:-3000}
mkdir -p "$out"

node apps/cli/bin/pd.js synth --weights released --seed 0 --pairs "$pairs" --out "$out/synth.parquet"
sh tools/imitated-judge.sh "$out/synth.parquet" mistral-7b 1 imitated-mistral-7b "$out/pretrained"
sh tools/imitated-judge.sh "$out/synth.parquet" mistral-7b-instruct-v0.1 4 imitated-mistral-7b-instruct "$out/aligned"
