#!/usr/bin/env bash
# Directory walks stay in the tree: a folder with one story, a link to its parent (a loop) and a link
# to a folder outside it. Without --follow only the tree's own file is indexed; with --follow each
# file once (the outside folder's too) and the loop is reported as a note. Both under a second.
# A link named on the command line is read.
#
# Environment: INDEXER, SEARCHER (programs), WORK (scratch folder, emptied).
set -euo pipefail
: "${INDEXER:?}" "${SEARCHER:?}" "${WORK:?}"
rm -rf "$WORK"
mkdir -p "$WORK/tree/a" "$WORK/outside"
fail() { echo "FAIL: $*" >&2; exit 1; }
printf 'Inside story\n\nThe only file inside the tree.\n' > "$WORK/tree/a/inside.txt"
printf 'Outside story\n\nA file outside the tree.\n' > "$WORK/outside/outside.txt"
ln -s .. "$WORK/tree/a/up"
ln -s "$WORK/outside" "$WORK/tree/a/elsewhere"
ln -s "$WORK/outside/outside.txt" "$WORK/named.txt"

count() { "$SEARCHER" --db "$1" --count "$2"; }
run() {  # run DB LOG OPTIONS... PATH: index, fail if slower than a second
  local db=$1 log=$2 t0 t1
  shift 2
  t0=$(date +%s%N)
  "$INDEXER" --db "$db" --no-entities "$@" > "$log" 2>&1 || fail "indexer exit $? ($(cat "$log"))"
  t1=$(date +%s%N)
  local limit=1000
  [ -z "${ASAN_OPTIONS:-}" ] || limit=10000  # sanitizer builds start slowly
  [ $(((t1 - t0) / 1000000)) -lt "$limit" ] || fail "took $(((t1 - t0) / 1000000)) ms"
}

run "$WORK/db1" "$WORK/1.log" "$WORK/tree"
[ "$(count "$WORK/db1" inside)" = 1 ] || fail "no-follow: inside story not indexed"
[ "$(count "$WORK/db1" outside)" = 0 ] || fail "no-follow: the outside folder was read"
grep -q 'indexed 1 documents' "$WORK/1.log" || fail "no-follow: $(cat "$WORK/1.log")"

run "$WORK/db2" "$WORK/2.log" --follow "$WORK/tree"
[ "$(count "$WORK/db2" inside)" = 1 ] || fail "follow: inside story count"
[ "$(count "$WORK/db2" outside)" = 1 ] || fail "follow: outside story count"
grep -q 'indexed 2 documents' "$WORK/2.log" || fail "follow: $(cat "$WORK/2.log")"
grep -q 'note: .*loop' "$WORK/2.log" || fail "follow: the loop was not reported ($(cat "$WORK/2.log"))"

run "$WORK/db3" "$WORK/3.log" "$WORK/named.txt"
[ "$(count "$WORK/db3" outside)" = 1 ] || fail "a link named on the command line was not read"
echo "symlinks: walks stay in the tree; --follow reads each file once and reports the loop"
