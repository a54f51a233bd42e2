# -n/--limit and --offset page through the hits; a page past the end still exits 0.
$SEARCHER --db "$DB" -n 2 --offset 2 dayton | grep -E '^[0-9]+\. |matches'
$SEARCHER --db "$DB" --limit 1 dayton | grep -E '^[0-9]+\. |matches'
$SEARCHER --db "$DB" --offset 100 dayton
