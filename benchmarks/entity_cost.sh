#!/usr/bin/env bash
# What entity extraction adds to single-threaded indexing (target: at most 35%), whole processes.
#
#   BUILD=build-dir benchmarks/entity_cost.sh [RUNS=5]
#
# Indexes Reuters-21578 JSON Lines with `--threads 1`, alternately with entities and with
# `--no-entities`, and prints per run and as medians: wall seconds and CPU seconds (user + system,
# all threads: the pipeline's reader and writer threads run beside the one analysis thread, so on
# 2 idle cores wall time hides part of the cost and CPU time is the single-core figure), and the
# ratios with/without. On a machine shared with other jobs the figures swing by 20-40% between runs:
# compare the ratios of runs made side by side, never absolute times of separate runs.
set -euo pipefail
source "$(dirname "$0")/bench_common.sh"
runs=${1:-5}

work=$(mktemp -d "${TMPDIR:-/tmp}/newsdex-entity-cost-XXXXXX")
trap 'rm -rf "$work"' EXIT

# run OUT_WALL OUT_CPU args...: one indexing run, wall and user+system seconds.
run() {
  local -n _w=$1 _c=$2
  shift 2
  rm -rf "$work/db"
  local log
  log=$(mktemp)
  if ! /usr/bin/time -f '%e %U %S' -o "$log" "$INDEXER" -q --threads 1 "$@" --db "$work/db" "$REUTERS" >/dev/null; then
    echo "failed: indexer $*" >&2
    exit 1
  fi
  read -r _w u s <"$log"
  _c=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
  rm -f "$log"
}

ew=() ec=() nw=() nc=()
for ((i = 1; i <= runs; i++)); do
  run w c
  ew+=("$w") ec+=("$c")
  run w2 c2 --no-entities
  nw+=("$w2") nc+=("$c2")
  echo "run $i: entities ${w} s wall, ${c} s CPU   no entities ${w2} s wall, ${c2} s CPU"
done
mew=$(median "${ew[@]}") mec=$(median "${ec[@]}") mnw=$(median "${nw[@]}") mnc=$(median "${nc[@]}")
echo "medians: entities ${mew} s wall, ${mec} s CPU; no entities ${mnw} s wall, ${mnc} s CPU"
echo "with/without entities: wall $(ratio "$mew" "$mnw"), CPU $(ratio "$mec" "$mnc") (target <= 1.35)"
