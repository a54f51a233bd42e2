#!/usr/bin/env bash
# Concurrency: (a) searchers running while the indexer writes see a consistent database: every run
# exits 0 or 1 (never 2, never a crash), and the counts they see never decrease; when the indexer is
# done they see the whole corpus. (b) A second indexer on the same database fails at once with a
# message about the lock and exit 2, and leaves the first one's work alone.
#
# Environment: INDEXER, SEARCHER (programs), WORK (scratch folder, emptied).
set -euo pipefail
: "${INDEXER:?}" "${SEARCHER:?}" "${WORK:?}"
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$WORK"
mkdir -p "$WORK"
total=4000
bash "$here/make_corpus.sh" "$WORK/corpus" 8 500
db=$WORK/db

pid=
cleanup() { [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# Every generated record has "Dispatch" in its title; "bridge" is in about half of them.
count() {  # count QUERY...: prints the count; returns the searcher's exit status
  "$SEARCHER" --db "$db" --count "$@"
}

"$INDEXER" --db "$db" --no-entities --commit-mb 0.1 "$WORK/corpus" > "$WORK/index.log" 2>&1 &
pid=$!
# Wait for the database to exist (the indexer creates it at once).
for _ in $(seq 1 300); do [ -e "$db/iamglass" ] && break; sleep 0.1; done

# (b) A second indexer while the first one writes: fails at once, exit 2, names the lock.
start=$(date +%s%N)
rc=0
"$INDEXER" --db "$db" --no-entities "$WORK/corpus" > "$WORK/second.log" 2>&1 || rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$rc" = 2 ] || { cat "$WORK/second.log"; fail "second indexer: exit $rc, expected 2"; }
grep -q "^indexer: error: database '.*' is locked by another indexer$" "$WORK/second.log" ||
  { cat "$WORK/second.log"; fail "second indexer: no lock message"; }
echo "second indexer: exit 2 after $ms ms: $(cat "$WORK/second.log")" >&2

# (a) Searchers while the indexer writes.
runs=0 last_all=0 last_some=0 codes=
while kill -0 "$pid" 2>/dev/null; do
  for query in dispatch bridge; do
    rc=0
    n=$(count "$query" 2> "$WORK/search.err") || rc=$?
    runs=$((runs + 1))
    codes="$codes $rc"
    [ "$rc" -le 1 ] || { cat "$WORK/search.err"; fail "searcher exited $rc during indexing (run $runs)"; }
    [ -s "$WORK/search.err" ] && { cat "$WORK/search.err"; fail "searcher wrote to stderr during indexing"; }
    n=${n:-0}
    if [ "$query" = dispatch ]; then
      [ "$n" -ge "$last_all" ] || fail "count of 'dispatch' went down: $last_all -> $n"
      last_all=$n
    else
      [ "$n" -ge "$last_some" ] || fail "count of 'bridge' went down: $last_some -> $n"
      last_some=$n
    fi
  done
  # A full search too: hits read from the database, snippets, facets.
  rc=0
  "$SEARCHER" --db "$db" -n 5 --facet year bridge harbor > /dev/null 2> "$WORK/search.err" || rc=$?
  runs=$((runs + 1))
  codes="$codes $rc"
  [ "$rc" -le 1 ] || { cat "$WORK/search.err"; fail "searcher (hits) exited $rc during indexing (run $runs)"; }
  [ -s "$WORK/search.err" ] && { cat "$WORK/search.err"; fail "searcher (hits) wrote to stderr during indexing"; }
done
rc=0
wait "$pid" || rc=$?
pid=
[ "$rc" = 0 ] || { cat "$WORK/index.log"; fail "indexer exited $rc"; }
[ "$runs" -ge 4 ] || fail "only $runs searcher runs during indexing: nothing tested"
final=$(count dispatch) || true
[ "$final" = "$total" ] || fail "after indexing 'dispatch' counts $final, expected $total"
echo "searcher during indexing: $runs runs, exit codes:$(echo "$codes" | tr ' ' '\n' | grep -v '^$' | sort | uniq -c | awk '{printf " %s x%s", $2, $1}'), last counts dispatch=$last_all bridge=$last_some; final $final" >&2
echo "indexer: $(grep '^indexed' "$WORK/index.log")" >&2

# The lock is released when the indexer ends: a re-run works (nothing to do).
"$INDEXER" --db "$db" -q --no-entities "$WORK/corpus" || fail "re-run after the first indexer ended failed"
echo "concurrent: ok"
