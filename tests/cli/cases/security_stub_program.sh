# A database handed over by somebody else: its stub file asks Xapian to start a program
# (`remote :PROGRAM`). Both programs refuse it, exit 2, and the program never runs; with
# --allow-programs the user opts in and it does run.
mkdir -p "$TMP/evil.db"
printf '# looks like shards\nremote :touch %s/pwned\n' "$TMP" > "$TMP/evil.db/XAPIANDB"
printf 'remote :touch %s/pwned\n' "$TMP" > "$TMP/evil.stub"
$SEARCHER --db "$TMP/evil.db" water || echo "searcher exit $?"
$SEARCHER --db "$DB" --db "$TMP/evil.stub" --count water || echo "searcher exit $?"
printf '{"id": "x", "title": "t", "body": "b"}\n' > "$TMP/one.jsonl"
$INDEXER -q --db "$TMP/evil.db" "$TMP/one.jsonl" || echo "indexer exit $?"
[ -e "$TMP/pwned" ] && echo "the program ran" || echo "the program did not run"
$SEARCHER --allow-programs --db "$TMP/evil.stub" water > /dev/null 2>&1 || echo "searcher --allow-programs exit $?"
[ -e "$TMP/pwned" ] && echo "with --allow-programs the program ran" || echo "the program did not run"
