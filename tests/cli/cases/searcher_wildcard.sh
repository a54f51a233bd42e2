# Trailing * matches every word with that beginning.
titles() { echo "== $1"; $SEARCHER --db "$DB" -n 50 "$1" | grep -E '^[0-9]+\. ' || echo "exit $?"; }
titles 'incur*'
titles 'title:tortill* OR title:arabic*'
$SEARCHER --db "$DB" -n 1 'tessal*'
