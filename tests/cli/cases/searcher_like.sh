# --like ID: documents related to one document (its best terms through Xapian's ESet), itself excluded.
$SEARCHER --db "$DB" -n 3 --like wire-006
$SEARCHER --db "$DB" -n 2 --like wire-006 type:news
$SEARCHER --db "$DB" --like no-such-id || echo "exit $?"
