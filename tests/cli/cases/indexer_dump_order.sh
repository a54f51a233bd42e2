# --dump takes its FILE before or after --json, or as the one PATH.
printf '{"id": "d1", "title": "One", "body": "Oil."}\n' > one.jsonl
$INDEXER --no-entities --dump --json one.jsonl
$INDEXER --no-entities --json --dump one.jsonl
$INDEXER --no-entities one.jsonl --dump --json
$INDEXER --no-entities --dump one.jsonl --json
$INDEXER --dump || echo "exit $?"
$INDEXER --dump one.jsonl two.jsonl || echo "exit $?"
