# --json (and --format json): one object per query, on one line.
$SEARCHER --db "$DB" --json -n 2 'brightwell breach'
$SEARCHER --db "$DB" --format json 'id:wire-005'
$SEARCHER --db "$DB" --json zzyzx || echo "exit $?"
