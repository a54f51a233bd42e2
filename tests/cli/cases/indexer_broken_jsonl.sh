# A JSON Lines file with a broken record: the error names path:line, the other records are
# indexed, and the exit status is 1. Re-run unchanged: not re-read, a warning recalls the failure.
printf '%s\n' '{"id": "a", "title": "First record", "date": "2016-03-03"}' \
              '{"id": "b", "title": ' \
              '{"id": "c", "title": "Third record", "places": ["USA"]}' > broken.jsonl
"$INDEXER" --db db -q broken.jsonl 2>&1 || echo "exit $? (quiet: errors only)"
"$INDEXER" --db db2 broken.jsonl 2>&1 || echo "exit $?"
"$INDEXER" --db db2 broken.jsonl 2>&1
