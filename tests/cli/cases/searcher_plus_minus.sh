# +word is required, -word excluded (put -- before a query that starts with '-').
titles() { echo "== $*"; $SEARCHER --db "$DB" -n 50 "$@" | grep -E '^[0-9]+\. ' || echo "exit $?"; }
titles '+brightwell breach -ftc'
titles '+corliss +settlement'
titles -- -coffee drought
