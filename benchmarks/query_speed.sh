#!/usr/bin/env bash
# Query speed over Reuters-21578 (JSON Lines), whole processes, on the machine as it is:
#  (a) `searcher --batch` of 500 short queries (benchmarks/reuters_queries.sh; JSON Lines output,
#      top 10 with snippets, to /dev/null), -j1 and -j2 alternately, RUNS runs each: the median
#      queries/s of each (from the batch summary: search time, without opening the database) and
#      their ratio (target: -j2 >= 1.6x -j1 on 2 cores).
#  (b) build/benchmarks/search_vs_xapian: per-query time of Searcher::search (top 10 + snippets)
#      against the minimal hand-written Xapian searcher (xapian_baseline.hpp), same queries, same
#      database, same process (target: <= 1.3x).
# Usage: benchmarks/query_speed.sh [--build DIR] [--db DIR] [--runs N] [--rounds N] [--queries FILE]
#                                  [--no-baseline]
# --db DIR reuses DIR when it holds a database, else indexes Reuters into it (and keeps it);
# default $NEWSDEX_BENCH_DB, else a temporary database removed at the end.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$root/build
db=${NEWSDEX_BENCH_DB:-}
runs=3
rounds=5
queries=
baseline=1
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=$2; shift 2 ;;
    --db) db=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --queries) queries=$2; shift 2 ;;
    --no-baseline) baseline=0; shift ;;
    *) echo "query_speed: unknown argument '$1' (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done
jsonl=$root/../shared/corpora/reuters21578-jsonl/reuters21578.jsonl
[ -f "$jsonl" ] || { echo "query_speed: $jsonl is missing" >&2; exit 77; }
INDEXER=${INDEXER:-$build/indexer/indexer}
SEARCHER=${SEARCHER:-$build/searcher/searcher}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -z "$db" ]; then db=$tmp/reuters.db; fi
if [ ! -e "$db/iamglass" ]; then
  echo "indexing Reuters into $db ..." >&2
  "$INDEXER" --db "$db" "$jsonl" >&2
fi
if [ -z "$queries" ]; then
  queries=$tmp/queries.txt
  bash "$root/benchmarks/reuters_queries.sh" "$jsonl" 500 > "$queries"
fi
nq=$(grep -cv '^[[:space:]]*\(#\|$\)' "$queries")

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
qps() {  # queries/s of one batch run with -j $1, from its summary line
  "$SEARCHER" --db "$db" --batch "$queries" -j "$1" > /dev/null 2> "$tmp/err" || { cat "$tmp/err" >&2; exit 2; }
  sed -n 's/.* \([0-9][0-9]*\) queries\/s$/\1/p' "$tmp/err" | tail -1
}
"$SEARCHER" --db "$db" --batch "$queries" -j 2 > /dev/null 2>&1  # warm-up (page cache)
: > "$tmp/j1"; : > "$tmp/j2"
for ((r = 1; r <= runs; r++)); do
  a=$(qps 1); b=$(qps 2)
  echo "run $r: -j1 $a queries/s, -j2 $b queries/s" >&2
  echo "$a" >> "$tmp/j1"; echo "$b" >> "$tmp/j2"
done
m1=$(median < "$tmp/j1"); m2=$(median < "$tmp/j2")
echo "(a) searcher --batch, $nq queries, $(nproc) cores, median of $runs runs:"
echo "    -j1 $m1 queries/s, -j2 $m2 queries/s, ratio $(awk -v a="$m1" -v b="$m2" 'BEGIN { printf "%.2f", b / a }')x (target >= 1.6x)"
if [ "$baseline" = 1 ]; then
  echo "(b) per query, top 10 with snippets, against a minimal Xapian searcher (target <= 1.3x):"
  "$build/benchmarks/search_vs_xapian" --db "$db" --queries "$queries" --rounds "$rounds" | sed 's/^/    /'
fi
