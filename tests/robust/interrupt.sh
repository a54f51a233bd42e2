#!/usr/bin/env bash
# Interrupting the indexer: a generated corpus (8 JSON Lines files, 3,200 records) is indexed and
# the indexer is stopped as soon as a first commit is seen: with SIGINT and with SIGKILL while it
# updates an existing database (which holds the first file: updates are committed in place), and
# with SIGINT during a fresh build (written as segments, merged at the end). Then: the database
# opens, `xapian-check` passes, it holds 0 < n < 3,200 documents; SIGINT exits 130 (what was indexed
# is committed); a re-run completes the corpus: exactly 3,200 documents and 3,200 distinct id terms
# (nothing lost, nothing duplicated).
#
# Environment: INDEXER, SEARCHER (programs), WORK (scratch folder, emptied).
set -euo pipefail
: "${INDEXER:?}" "${WORK:?}"
here=$(cd "$(dirname "$0")" && pwd)
for tool in xapian-check xapian-delve; do
  command -v "$tool" >/dev/null || { echo "$tool missing (package xapian-tools)" >&2; exit 1; }
done
rm -rf "$WORK"
mkdir -p "$WORK"
files=8 records=400 total=3200
bash "$here/make_corpus.sh" "$WORK/corpus" "$files" "$records"

pid=
cleanup() { [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true; }
trap cleanup EXIT

doc_count() { xapian-delve "$1" 2>/dev/null | sed -n 's/^number of documents = //p'; }
id_count() { xapian-delve -a -1 "$1" | grep -c '^Q'; }
fail() { echo "FAIL: $*" >&2; exit 1; }

# Start the indexer on $1 and wait until the database has committed documents (polling, not fixed
# sleeps: the machine may be loaded); sets $pid. Small commits (--commit-mb 0.1) so one comes early.
# start_and_wait DB LOG [WATCH [OPTION...]]: WATCH is the database to poll (default DB), which must
# come to hold more documents than it had.
start_and_wait() {
  local db=$1 log=$2 watch=${3:-$1} n base
  shift 3 || shift $#
  base=$(doc_count "$watch" || true)
  "$INDEXER" --db "$db" --no-entities --commit-mb 0.1 "$@" "$WORK/corpus" > "$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    n=$(doc_count "$watch" || true)
    if [ -n "$n" ] && [ "$n" -gt "${base:-0}" ]; then return 0; fi
    kill -0 "$pid" 2>/dev/null || fail "the indexer ended before its first commit: $(cat "$log")"
    sleep 0.1
  done
  fail "no commit within 60 s"
}

check_db() {  # check_db DB WHAT: opens, passes xapian-check; prints and returns the count
  local db=$1 what=$2 n
  xapian-check "$db" > "$WORK/check.out" 2>&1 || { cat "$WORK/check.out"; fail "$what: xapian-check failed"; }
  n=$(doc_count "$db")
  if [ -n "${SEARCHER:-}" ]; then  # the searcher opens it too (exit 0: matches, 1: none)
    local src=0
    "$SEARCHER" --db "$db" --count bridge > /dev/null 2>&1 || src=$?
    [ "$src" -le 1 ] || fail "$what: searcher exited $src"
  fi
  echo "$what: xapian-check ok ($(tail -n 1 "$WORK/check.out")), $n documents" >&2
  echo "$n"
}

rerun() {  # rerun DB WHAT: the re-run completes the corpus exactly
  local db=$1 what=$2 rc=0 n ids
  "$INDEXER" --db "$db" --no-entities "$WORK/corpus" > "$WORK/rerun.log" 2>&1 || rc=$?
  [ "$rc" = 0 ] || { cat "$WORK/rerun.log"; fail "$what: re-run exited $rc"; }
  n=$(check_db "$db" "$what re-run")
  ids=$(id_count "$db")
  [ "$n" = "$total" ] || fail "$what: re-run gave $n documents, expected $total"
  [ "$ids" = "$total" ] || fail "$what: re-run gave $ids distinct ids, expected $total"
  echo "$what re-run: $(tail -n 1 "$WORK/rerun.log")" >&2
}

# An existing database (the first file), so that the runs below update it in place.
seed() { "$INDEXER" --db "$1" --no-entities -q "$WORK/corpus/part-01.jsonl"; }

# --- SIGINT: a clean stop, exit 130, everything written is committed ---
seed "$WORK/db-int"
start_and_wait "$WORK/db-int" "$WORK/int.log"
kill -INT "$pid"
rc=0
wait "$pid" || rc=$?
pid=
[ "$rc" = 130 ] || { cat "$WORK/int.log"; fail "SIGINT: exit $rc, expected 130"; }
grep -q 'interrupted; what was indexed is committed' "$WORK/int.log" || fail "SIGINT: no 'interrupted' message"
n=$(check_db "$WORK/db-int" "after SIGINT")
[ "$n" -gt 0 ] && [ "$n" -lt "$total" ] || fail "after SIGINT: $n documents, expected 0 < n < $total"
echo "after SIGINT: exit 130, $(grep '^indexed' "$WORK/int.log")" >&2
rerun "$WORK/db-int" "SIGINT"

# --- SIGKILL: no chance to commit; the last commit is intact ---
seed "$WORK/db-kill"
start_and_wait "$WORK/db-kill" "$WORK/kill.log"
kill -KILL "$pid"
rc=0
wait "$pid" || rc=$?
pid=
[ "$rc" = 137 ] || fail "SIGKILL: exit $rc, expected 137"
n=$(check_db "$WORK/db-kill" "after SIGKILL")
[ "$n" -gt 0 ] && [ "$n" -lt "$total" ] || fail "after SIGKILL: $n documents, expected 0 < n < $total"
rerun "$WORK/db-kill" "SIGKILL"
# --- SIGINT during a fresh build by 2 writers: the segments written are merged into DB ---
start_and_wait "$WORK/db-shards" "$WORK/shards.log" "$WORK/db-shards.newsdex-build/seg-000000" --threads 2
kill -INT "$pid"
rc=0
wait "$pid" || rc=$?
pid=
[ "$rc" = 130 ] || { cat "$WORK/shards.log"; fail "SIGINT (2 shards): exit $rc, expected 130"; }
n=$(check_db "$WORK/db-shards" "after SIGINT (2 shards)")
[ "$n" -gt 0 ] && [ "$n" -lt "$total" ] || fail "after SIGINT (2 shards): $n documents, expected 0 < n < $total"
[ ! -e "$WORK/db-shards.newsdex-build" ] || fail "after SIGINT (2 shards): the scratch folder is left behind"
rerun "$WORK/db-shards" "SIGINT (2 shards)"
echo "interrupt: ok"
