#!/usr/bin/env bash
# Re-indexing after a small change: index Reuters-21578 (one JSON Lines file), edit 1% of its records
# (every 100th body, `corpus_tool change 100`), index again into the same database; prints both wall
# times and their ratio (target, issue E: <= 5%). Unchanged records of the changed file are not
# indexed again (their record hash is in the database); the database is updated in place.
#
#   BUILD=build-dir benchmarks/reindex.sh [EVERY=100] [indexer options... (default --threads 2)]
set -euo pipefail
source "$(dirname "$0")/bench_common.sh"
every=${1:-100}
shift || true
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--threads 2)

work=$(mktemp -d "${TMPDIR:-/tmp}/newsdex-reindex-XXXXXX")
trap 'rm -rf "$work"' EXIT
cp "$REUTERS" "$work/reuters.jsonl"
timed full m1 "$INDEXER" -q "${args[@]}" --db "$work/db" "$work/reuters.jsonl"
"$CORPUS_TOOL" change "$every" "$REUTERS" "$work/changed.jsonl"
mv "$work/changed.jsonl" "$work/reuters.jsonl"
timed again m2 "$INDEXER" "${args[@]}" --db "$work/db" "$work/reuters.jsonl"
echo "full index: ${full} s (peak ${m1} MB); after changing 1 record in ${every}: ${again} s (peak ${m2} MB)"
echo "ratio: $(awk -v a="$again" -v b="$full" 'BEGIN { printf "%.1f%%", 100 * a / b }') (target <= 5%)"
