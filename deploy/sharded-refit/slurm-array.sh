#!/bin/bash
# pd refit, sharded over a Slurm job array: array task k fits shard k of n into a folder on the
# cluster filesystem, then one job that depends on the whole array combines them.
# See docs/scale.md ("Sharded refit").
#
# Submit from a built checkout on the shared filesystem (after `npm ci`):
#   PD_DATA=/cluster/data/pairs.parquet PD_OUT=/cluster/refit \
#   PD_REFIT_ARGS="--judges human,gpt-4-1106-preview" bash deploy/sharded-refit/slurm-array.sh
# Run that way (outside Slurm) the script submits itself twice: as the array (one task per
# shard, --array below) and as the aggregate, which starts once every task has succeeded.
#SBATCH --job-name=pd-refit
#SBATCH --array=1-8
#SBATCH --cpus-per-task=2
#SBATCH --mem=4G
#SBATCH --time=04:00:00
#SBATCH --output=pd-refit-%A_%a.log
set -euo pipefail
: "${PD_DATA:?set PD_DATA to the dataset file on shared storage}"
: "${PD_OUT:?set PD_OUT to the output folder on shared storage}"

if [[ -z "${SLURM_JOB_ID:-}" ]]; then
  array=$(sbatch --parsable --export=ALL "$0")
  # --wrap runs the script as a plain job (no array), which is what makes it the aggregate below.
  aggregate=$(sbatch --parsable --export=ALL --dependency="afterok:${array}" --job-name=pd-refit-aggregate \
    --cpus-per-task=2 --mem=4G --time=01:00:00 --output=pd-refit-aggregate-%j.log --wrap "bash $(realpath "$0")")
  echo "submitted shards as array job ${array}, the aggregate as job ${aggregate}"
  exit 0
fi

cd "${PD_REPO:-$SLURM_SUBMIT_DIR}"
# $PD_REFIT_ARGS is split into words on purpose: it holds several flags.
# shellcheck disable=SC2086
if [[ -n "${SLURM_ARRAY_TASK_ID:-}" ]]; then
  exec npx pd refit --data "$PD_DATA" --out "$PD_OUT" ${PD_REFIT_ARGS:-} --workers "${SLURM_CPUS_PER_TASK:-2}" \
    --shard "${SLURM_ARRAY_TASK_ID}/${SLURM_ARRAY_TASK_COUNT}"
else
  exec npx pd refit --data "$PD_DATA" --out "$PD_OUT" ${PD_REFIT_ARGS:-} --workers "${SLURM_CPUS_PER_TASK:-2}"
fi
