# --count prints the exact number of matching documents; exit 1 when it is 0.
$SEARCHER --db "$DB" --count water
$SEARCHER --db "$DB" --count 'type:news'
$SEARCHER --db "$DB" --count zzyzx
