# '-' reads JSON Lines from standard input; records without an id get "stdin", then "stdin#LINE".
printf '%s\n' '{"id": "s1", "title": "From a pipe"}' '{"title": "No id here"}' '{"title": "Nor here"}' |
  "$INDEXER" --db db - 2>&1
printf '%s\n' '{"id": "s1", "title": "From a pipe, again"}' | "$INDEXER" --db db - 2>&1
