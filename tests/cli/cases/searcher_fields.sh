# field:word for text, boolean and tag fields.
titles() { echo "== $1"; $SEARCHER --db "$DB" -n 50 "$1" | grep -E '^[0-9]+\. ' || echo "exit $?"; }
titles 'title:corliss'
titles 'author:castell'
titles 'source:"associated wire"'
titles 'from:walsh'
titles 'type:memo brightwell'
titles 'id:wire-005'
titles 'places:brazil'
titles 'topics:drought type:record'
