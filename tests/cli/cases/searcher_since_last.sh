# --since-last STATE: the first run shows every match and records the database's indexer run; a
# later run shows only documents indexed or changed since. A failed run leaves STATE unchanged.
$SEARCHER --db "$DB" --since-last state --count water
sed "s#$DB#DB#" state
$SEARCHER --db "$DB" --since-last state --count water || echo "exit $?"
cp state before
$SEARCHER --db "$DB" --since-last state 'water AND' || echo "exit $?"
$SEARCHER --db "$DB" --db missing.db --since-last state water || echo "exit $?"
printf 'water\n(oil\n' | $SEARCHER --db "$DB" --since-last state --batch - --format tsv || echo "exit $?"
cmp before state && echo "state unchanged"
rm state
printf 'q1\twater\n' | $SEARCHER --db "$DB" --since-last state --batch - --format tsv -n 1
printf 'q1\twater\n' | $SEARCHER --db "$DB" --since-last state --batch - --format tsv -n 1
printf 'not a state line\n' > bad
$SEARCHER --db "$DB" --since-last bad water || echo "exit $?"
