# --collapse FIELD keeps the best hit of each value; the hit says how many it stands for.
$SEARCHER --db "$DB" -n 3 water
$SEARCHER --db "$DB" -n 3 --collapse source water
$SEARCHER --db "$DB" --json -n 2 --collapse type water | sed 's/"snippet":"[^"]*"/"snippet":"..."/g; s/"parsed":"[^"]*"/"parsed":"..."/'
$SEARCHER --db "$DB" --collapse bogus water || echo "exit $?"
