# `*` alone matches every document (also with filters); without a query, --count, --facet and
# --sort go over the whole database when standard input is not a terminal.
$SEARCHER --db "$DB" --count '*'
$SEARCHER --db "$DB" --count '* date:2017'
$SEARCHER --db "$DB" --count 'date:2017'
$SEARCHER --db "$DB" --count '* AND person:walsh'
$SEARCHER --db "$DB" --count 'person:walsh'
$SEARCHER --db "$DB" --count
$SEARCHER --db "$DB" --facet person --facet-size 3 </dev/null | tail -n 3
$SEARCHER --db "$DB" --sort -date -n 2 </dev/null | head -n 4
$SEARCHER --db "$DB" </dev/null || echo "exit $?"
