# Usage and fatal errors: one line `indexer: error: ...` and exit 2; a missing input is an error
# about that path only (exit 1). The locked case holds the database with an indexer reading stdin.
"$INDEXER" --db db --format bogus x 2>&1 || echo "exit $?"
"$INDEXER" --db db --commit-mb 0 x 2>&1 || echo "exit $?"
"$INDEXER" --db /proc/no/such/db x 2>&1 || echo "exit $?"
printf '%s\n' '{"id": "a", "title": "First record"}' > a.jsonl
"$INDEXER" --db db -q a.jsonl 2>&1
"$INDEXER" --db db --language none a.jsonl 2>&1 || echo "exit $?"
"$INDEXER" --db db nonexistent a.jsonl 2>&1 || echo "exit $?"
sleep 8 | "$INDEXER" --db db -q --no-entities - &  # no model to load: holds the lock at once
sleep 3  # slow starts (sanitizer builds, a loaded machine) still take the lock first
"$INDEXER" --db db a.jsonl 2>&1 || echo "exit $?"
wait
