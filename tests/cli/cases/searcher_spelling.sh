# "Did you mean": when fewer than 5 documents match and the spelling table knows better words.
$SEARCHER --db "$DB" -n 1 runwy incursoin || echo "exit $?"
$SEARCHER --db "$DB" --json 'brigthwell breech' | sed 's/"snippet":"[^"]*"/"snippet":"..."/g; s/"hits":\[.*\],"suggestion"/"hits":[...],"suggestion"/'
$SEARCHER --db "$DB" -n 0 'memmo type:memo' || echo "exit $?"
# Enough matches, or nothing better known: no suggestion.
$SEARCHER --db "$DB" -n 0 runway
$SEARCHER --db "$DB" -n 0 zzyzx || echo "exit $?"
