# Incremental indexing of tests/data/index-mini: first run, unchanged re-run, one file changed,
# one record dropped from the JSON Lines file, a file deleted (kept without --prune, removed with it).
cp -r "$TESTS/data/index-mini" mini
echo "# first run"
"$INDEXER" --db db mini 2>&1
echo "# re-run"
"$INDEXER" --db db mini 2>&1
echo "# one article changed"
printf '\nA correction was appended to this article.\n' >> mini/news/port-strike.txt
"$INDEXER" --db db mini 2>&1
echo "# one record dropped"
grep -v '"wire-2"' mini/wire.jsonl > wire.tmp && mv wire.tmp mini/wire.jsonl
"$INDEXER" --db db mini 2>&1
echo "# a memo deleted, no --prune"
rm mini/memos/parking-changes.txt
"$INDEXER" --db db mini 2>&1
echo "# --prune"
"$INDEXER" --db db --prune mini 2>&1
echo "# duplicate id"
printf '%s\n' '{"id": "wire-1", "title": "A second copy"}' > mini/copy.jsonl
"$INDEXER" --db db mini 2>&1
