# --show ID: one whole stored document with its fields, entities and date mentions.
$SEARCHER --db "$DB" --show wire-006
$SEARCHER --db "$DB" --show memos/faa-tower-staffing.txt --json
$SEARCHER --db "$DB" --show nope || echo "exit $?"
