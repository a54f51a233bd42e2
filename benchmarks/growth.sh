#!/usr/bin/env bash
# Indexing throughput as the corpus grows: Reuters-21578 repeated 1x, 4x and 16x (copy K > 1 with ids
# "ID~K", one file a copy), each indexed into a fresh database; prints docs/s at each size and the
# ratio to 1x (target, issue E: 16x >= 0.8 x the 1x docs/s). Heavy at 16x (345,000 documents): the
# machine is shared, run it rarely.
#
#   BUILD=build-dir benchmarks/growth.sh [SIZES="1 4 16"] [indexer options... (default --threads 2)]
set -euo pipefail
source "$(dirname "$0")/bench_common.sh"
sizes=${1:-1 4 16}
shift || true
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--threads 2)

work=$(mktemp -d "${TMPDIR:-/tmp}/newsdex-growth-XXXXXX")
trap 'rm -rf "$work"' EXIT
base=
for n in $sizes; do
  rm -rf "$work/in" "$work/db"
  "$CORPUS_TOOL" repeat "$n" "$REUTERS" "$work/in"
  docs=$((n * $(grep -c . "$REUTERS")))
  timed w m "$INDEXER" -q "${args[@]}" --db "$work/db" "$work/in"
  rate=$(awk -v d="$docs" -v s="$w" 'BEGIN { printf "%.0f", d / s }')
  [ -n "$base" ] || base=$rate
  echo "${n}x: ${docs} documents in ${w} s = ${rate} docs/s ($(ratio "$rate" "$base") x the first size), peak RSS ${m} MB, database $(du -sm "$work/db" | cut -f1) MB"
done
