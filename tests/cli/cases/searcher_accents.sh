# A query without accents highlights the accented word in the snippet (the analyzer folds accents).
$SEARCHER --db "$DB" -n 1 --color always 'sao paulo' | cat -v
$SEARCHER --db "$DB" -n 1 --color always 'alvarez' | cat -v
