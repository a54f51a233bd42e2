# `subject: word` (a space after the colon) applies the field to the next word or phrase.
$SEARCHER --db "$DB" --count 'subject:tank'
$SEARCHER --db "$DB" --count 'subject: tank'
$SEARCHER --db "$DB" --count 'title:  "tank farm"'
$SEARCHER --db "$DB" --count 'tank'
$SEARCHER --db "$DB" 'title:' || echo "exit $?"
