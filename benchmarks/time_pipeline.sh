#!/usr/bin/env bash
# Ranking quality on the TIME test collection, through the programs as a user would run them:
#   time_convert  TIME.ALL/QUE/REL -> time.jsonl (ids 1-423 = positions), time.queries, time.qrels
#   indexer       --no-entities time.jsonl (as benchmarks/time_eval does)
#   searcher      --batch time.queries --format trec --limit 1000 [SEARCHER_OPTION...] > time.run
#   searcher eval --qrels time.qrels time.run   -> MAP, P@10, nDCG@10, R@100 on stdout
#
# Usage: benchmarks/time_pipeline.sh [--build DIR] [--time DIR] [--work DIR] [--per-query] [--json]
#                                    [-- SEARCHER_OPTION...]      (e.g. -- --expand)
# Programs: $INDEXER, $SEARCHER, $TIME_CONVERT, else DIR/indexer/indexer, DIR/searcher/searcher,
# DIR/benchmarks/time_convert (DIR: --build, default ./build). --work keeps the files there.
# Only the evaluation report goes to stdout; exit 2 on any failure, 77 when TIME is missing.
#
# The expected figures of the ctest (tests/integration/time_pipeline_test.cpp) are this script's
# output; after a ranking change, regenerate them with
#   bash benchmarks/time_pipeline.sh --build build > tests/data/time_expected_metrics.txt
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$root/build
time_dir=$root/../shared/corpora/time
work=
eval_opts=()
searcher_opts=()
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=$2; shift 2 ;;
    --time) time_dir=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --per-query|--json) eval_opts+=("$1"); shift ;;
    --) shift; searcher_opts=("$@"); break ;;
    *) echo "time_pipeline: unknown argument '$1' (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done
INDEXER=${INDEXER:-$build/indexer/indexer}
SEARCHER=${SEARCHER:-$build/searcher/searcher}
TIME_CONVERT=${TIME_CONVERT:-$build/benchmarks/time_convert}
for p in "$INDEXER" "$SEARCHER" "$TIME_CONVERT"; do
  [ -x "$p" ] || { echo "time_pipeline: $p is not built" >&2; exit 2; }
done
if [ ! -f "$time_dir/TIME.ALL" ]; then
  echo "time_pipeline: $time_dir/TIME.ALL is missing: nothing to evaluate" >&2
  exit 77
fi
if [ -z "$work" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
else
  mkdir -p "$work"
  rm -rf "$work/db"
fi

"$TIME_CONVERT" "$time_dir" "$work" >&2
"$INDEXER" --db "$work/db" --no-entities -q "$work/time.jsonl" >&2
"$SEARCHER" --db "$work/db" --batch "$work/time.queries" --format trec --limit 1000 --run-tag newsdex \
  ${searcher_opts[@]+"${searcher_opts[@]}"} > "$work/time.run"
"$SEARCHER" eval --qrels "$work/time.qrels" "$work/time.run" ${eval_opts[@]+"${eval_opts[@]}"}
