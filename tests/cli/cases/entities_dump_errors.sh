# --dump without entities, and misuse of --dump / --json.
"$INDEXER" --dump "$CORPUS/wire/wire.jsonl" --no-entities --json | sed "s#$CORPUS#CORPUS#g" | head -c 300; echo
"$INDEXER" --json --db "$TMP/db" "$CORPUS" || echo "exit $?"
"$INDEXER" --dump "$CORPUS/wire/wire.jsonl" --db "$TMP/db" || echo "exit $?"
"$INDEXER" --dump "$TMP/missing.txt" || echo "exit $?"
test ! -e "$TMP/db" && echo "no database written"
