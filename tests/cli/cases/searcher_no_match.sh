# No match: "0 matches" and exit 1, like grep.
$SEARCHER --db "$DB" zzyzx
