# Bad options: CLI11's message on one line, exit 2.
$SEARCHER --db "$DB" --bogus water || echo "exit $?"
$SEARCHER --db "$DB" --sort newest water || echo "exit $?"
$SEARCHER --db "$DB" -n many water || echo "exit $?"
$SEARCHER --db "$DB" -n -1 water || echo "exit $?"
$SEARCHER --db "$DB" --format xml water || echo "exit $?"
$SEARCHER --db "$DB" water -advisory || echo "exit $?"
$SEARCHER water || echo "exit $?"
$SEARCHER --db "$DB"
