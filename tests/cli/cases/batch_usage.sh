# Batch-mode usage errors: one line, exit 2, nothing run.
printf 'faa\n' > q.txt
$SEARCHER --db "$DB" --batch q.txt faa || echo "exit $?"
$SEARCHER --db "$DB" --batch missing.txt || echo "exit $?"
$SEARCHER --db "$DB" --batch q.txt --count || echo "exit $?"
$SEARCHER --db "$DB" --batch q.txt --format text || echo "exit $?"
$SEARCHER --db "$DB" --format trec faa || echo "exit $?"
$SEARCHER --db "$DB" --batch q.txt -j 0 || echo "exit $?"
$SEARCHER --db "$DB" --batch q.txt --facet colour || echo "exit $?"
$SEARCHER --db "$TMP/nodb" --batch q.txt || echo "exit $?"
# `eval` is a query word unless it comes first.
$SEARCHER --db "$DB" --count eval || echo "exit $?"
