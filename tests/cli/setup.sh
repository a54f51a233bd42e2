#!/usr/bin/env bash
# Builds the database of corpus/ that every CLI case searches.
set -euo pipefail
rm -rf "$WORK"
mkdir -p "$WORK"
"$INDEXER" --db "$WORK/db" "$CORPUS" > "$WORK/setup.out" 2> "$WORK/setup.err" || {
  echo "indexing corpus/ failed:"; cat "$WORK/setup.err"; exit 1; }
