# Plain words: ranked by BM25, any word matches (default OR); text output with snippets.
$SEARCHER --db "$DB" -n 3 runway incursion
