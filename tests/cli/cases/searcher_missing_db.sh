# A missing database, or a directory that is not one: exit 2.
$SEARCHER --db "$CORPUS" water || echo "exit $?"
$SEARCHER --db "$TMP/nope" water
