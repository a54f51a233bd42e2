# A bad query: "searcher: error: bad query: ..." and exit 2.
for q in '"boil water' '(water' 'water AND' 'date:2016-13-01' 'date:2017..2016' 'NEAR water' 'title:*'; do
  $SEARCHER --db "$DB" "$q" || echo "exit $?"
done
$SEARCHER --db "$DB" 'water OR'
