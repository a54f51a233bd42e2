# --color always: bold titles, bold red matches, magenta paths; auto and never: plain.
$SEARCHER --db "$DB" -n 1 --color always '"tank farm"' | cat -v
$SEARCHER --db "$DB" -n 1 --color auto '"tank farm"' | cat -v
