#!/bin/sh
# Collects and adds one scripted judge without a key: pd mock-server --judge (a loopback server
# that answers the comparison prompt the way a released judge's weights say, `certainty` times as
# sure) → pd judge collect → pd judge add --fast, then stops the server it started.
# Usage: tools/imitated-judge.sh <pairs.parquet> <released judge> <certainty> <model name> <out-dir>
# Writes <out-dir>/collect (labels.json, logprobs.jsonl, summary.json) and <out-dir>/added.
set -eu
data=$1
judge=$2
certainty=$3
model=$4
out=$5
pd="node apps/cli/bin/pd.js"
mkdir -p "$out"

$pd mock-server --port 0 --judge "$judge" --judge-data "$data" --certainty "$certainty" >"$out/mock-server.log" 2>&1 &
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
echo "mock server at $url imitates $judge (certainty $certainty) as $model"

OPENAI_API_KEY=none $pd judge collect --data "$data" --model "$model" --base-url "$url" --concurrency 16 --out "$out/collect"
$pd judge add --data "$data" --labels "$out/collect/labels.json" --name "$model" --fast --out "$out/added"
