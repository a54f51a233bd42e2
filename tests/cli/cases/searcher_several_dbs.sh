# Several --db are searched as one; a stub file names databases.
$SEARCHER --db "$DB" --count dayton
$SEARCHER --db "$DB" --db "$DB" --count dayton
printf 'auto %s\n' "$DB" > stub
$SEARCHER --db stub --count dayton
