#!/usr/bin/env bash
# Re-indexing after a small change: index Reuters-21578 (one JSON Lines file), edit 1% of its records
# (every 100th body, `corpus_tool change 100`), index again into the same database; ROUNDS times
# (a fresh database each round), then the median wall times and their ratio (target: <= 5%).
# Unchanged lines of the changed file are passed over without being parsed (their raw hash is in the
# database); the database is updated in place.
#
#   BUILD=build-dir ROUNDS=3 benchmarks/reindex.sh [EVERY=100] [indexer options... (default --threads 2)]
set -euo pipefail
source "$(dirname "$0")/bench_common.sh"
every=${1:-100}
shift || true
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--threads 2)
rounds=${ROUNDS:-3}

work=$(mktemp -d "${TMPDIR:-/tmp}/newsdex-reindex-XXXXXX")
trap 'rm -rf "$work"' EXIT
"$CORPUS_TOOL" change "$every" "$REUTERS" "$work/changed.jsonl"
fulls=() agains=() peak1=() peak2=()
for ((r = 1; r <= rounds; r++)); do
  rm -rf "$work/db"
  cp "$REUTERS" "$work/reuters.jsonl"
  timed full m1 "$INDEXER" -q "${args[@]}" --db "$work/db" "$work/reuters.jsonl"
  cp "$work/changed.jsonl" "$work/reuters.jsonl"
  timed again m2 "$INDEXER" -q "${args[@]}" --db "$work/db" "$work/reuters.jsonl"
  echo "round $r: full index ${full} s (peak ${m1} MB); after changing 1 record in ${every}: ${again} s (peak ${m2} MB)"
  fulls+=("$full") agains+=("$again") peak1+=("$m1") peak2+=("$m2")
done
f=$(median "${fulls[@]}") a=$(median "${agains[@]}")
echo "medians of $rounds: full ${f} s (peak $(max "${peak1[@]}") MB), re-index ${a} s (peak $(max "${peak2[@]}") MB)"
echo "ratio: $(awk -v a="$a" -v b="$f" 'BEGIN { printf "%.1f%%", 100 * a / b }') (target <= 5%)"
