#!/usr/bin/env bash
# Runs tests/cli/cases/NAME.sh with DB, INDEXER, SEARCHER, CORPUS, TMP set; compares its stdout,
# stderr and exit code (sanitized: paths, timings) with tests/cli/expected/NAME.out.
# UPDATE_EXPECTED=1 writes the expected file instead.
set -uo pipefail
name=$1
case_file="$TESTS/cli/cases/$name.sh"
expected="$TESTS/cli/expected/$name.out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export DB="$WORK/db" TMP="$tmp" NO_COLOR=1
( cd "$tmp" && bash -e "$case_file" ) > "$tmp/stdout" 2> "$tmp/stderr"
rc=$?
{
  cat "$tmp/stdout"
  if [ -s "$tmp/stderr" ]; then echo "--- stderr"; cat "$tmp/stderr"; fi
  echo "--- exit $rc"
} | sed -e "s#$WORK#WORK#g" -e "s#$tmp#TMP#g" -e "s#$CORPUS#CORPUS#g" \
        -e 's/[0-9][0-9]*\(\.[0-9]*\)\? s\b/N s/g' \
        -e 's/[0-9][0-9.]* docs\/s/N docs\/s/g' -e 's/[0-9][0-9.]* MB\/s/N MB\/s/g' \
        -e 's/[0-9][0-9.]* queries\/s/N queries\/s/g' \
        -e 's/"seconds": *[0-9.e-]*/"seconds": N/g' > "$tmp/actual"
if [ "${UPDATE_EXPECTED:-0}" = 1 ]; then
  cp "$tmp/actual" "$expected"
  echo "updated $expected"
  exit 0
fi
if [ ! -f "$expected" ]; then
  echo "no expected output $expected; actual:"; cat "$tmp/actual"; exit 1
fi
diff -u "$expected" "$tmp/actual" && echo "cli.$name: ok"
