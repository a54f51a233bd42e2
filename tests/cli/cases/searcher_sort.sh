# --sort relevance (default), date (oldest first), -date (newest first, ties by relevance).
show() { echo "== $*"; $SEARCHER --db "$DB" -n 4 "$@" | grep -E '^[0-9]+\. |^ +[0-9]{4}-'; }
show brightwell
show --sort date brightwell
show --sort -date brightwell
show --sort=-date brightwell
