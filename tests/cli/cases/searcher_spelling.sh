# "Did you mean": when fewer than 5 documents match and the spelling table knows better words.
$SEARCHER --db "$DB" -n 1 runwy incursoin || echo "exit $?"
$SEARCHER --db "$DB" --json 'brightwel' | sed 's/"snippet":"[^"]*"/"snippet":"..."/g'
$SEARCHER --db "$DB" -n 0 runway
