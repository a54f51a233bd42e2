# AND, OR, NOT, AND NOT and parentheses (titles of the hits only).
titles() { echo "== $1"; $SEARCHER --db "$DB" -n 50 "$1" | grep -E '^[0-9]+\. ' || echo "exit $?"; }
titles 'brightwell AND breach'
titles 'corliss OR brightwell'
titles 'brightwell NOT ftc'
titles 'drought AND NOT coffee'
titles '(corliss OR tessaly) AND settlement'
