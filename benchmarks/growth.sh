#!/usr/bin/env bash
# Indexing throughput as the corpus grows: Reuters-21578 repeated 1x, 4x and 16x (copy K > 1 with ids
# "ID~K", one file a copy), each indexed into a fresh database; prints docs/s at each size and the
# ratio to 1x (target: 16x >= 0.8 x the 1x docs/s). The machine is shared and its load
# drifts during a 3-minute 16x build, so the first size is indexed again after each bigger one and
# the ratios are to the median of its runs. Heavy at 16x (345,000 documents): run it rarely.
#
#   BUILD=build-dir benchmarks/growth.sh [SIZES="1 4 16"] [indexer options... (default --threads 2)]
set -euo pipefail
source "$(dirname "$0")/bench_common.sh"
sizes=(${1:-1 4 16})
shift || true
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--threads 2)

work=$(mktemp -d "${TMPDIR:-/tmp}/newsdex-growth-XXXXXX")
trap 'rm -rf "$work"' EXIT
records=$(grep -c . "$REUTERS")
for n in "${sizes[@]}"; do "$CORPUS_TOOL" repeat "$n" "$REUTERS" "$work/in-$n" >/dev/null; done

# index N: one build of size N; sets rate, w, m and prints it
index() {
  local n=$1 docs=$(($1 * records))
  rm -rf "$work/db"
  timed w m "$INDEXER" -q "${args[@]}" --db "$work/db" "$work/in-$n"
  rate=$(awk -v d="$docs" -v s="$w" 'BEGIN { printf "%.0f", d / s }')
  echo "${n}x: ${docs} documents in ${w} s = ${rate} docs/s, peak RSS ${m} MB, database $(du -sm "$work/db" | cut -f1) MB"
}

first=${sizes[0]}
base_rates=()
declare -A rates
index "$first"
base_rates+=("$rate")
for n in "${sizes[@]:1}"; do
  index "$n"
  rates[$n]=$rate
  index "$first"
  base_rates+=("$rate")
done
base=$(median "${base_rates[@]}")
echo "${first}x median of ${#base_rates[@]} runs: ${base} docs/s"
for n in "${sizes[@]:1}"; do echo "${n}x: ${rates[$n]} docs/s = $(ratio "${rates[$n]}" "$base") x ${first}x"; done
