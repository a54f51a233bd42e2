# --facet with --json: "facets": field -> {"exact", "values": [{"value", "count"}]}; --facet-depth marks estimates.
$SEARCHER --db "$DB" --json -n 1 --facet person,place,month runway
$SEARCHER --db "$DB" --json -n 0 --facet type --facet-depth 5 'NOT zzyzx' | sed 's/"parsed":"[^"]*"/"parsed":"..."/'
