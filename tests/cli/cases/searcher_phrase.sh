# "Phrases" match the words in order; a field phrase too.
$SEARCHER --db "$DB" -n 2 '"boil water advisory"'
$SEARCHER --db "$DB" '"advisory water boil"' || echo "exit $?"
$SEARCHER --db "$DB" 'title:"data breach"' | grep -E '^[0-9]+\. '
