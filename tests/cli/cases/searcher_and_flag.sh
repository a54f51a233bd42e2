# --and requires every word; without it any word matches.
$SEARCHER --db "$DB" --count coffee mexico
$SEARCHER --db "$DB" --count --and coffee mexico
$SEARCHER --db "$DB" --and coffee mexico | grep -E '^[0-9]+\. '
