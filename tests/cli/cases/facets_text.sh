# --facet: counts over every match in a block after the hits; entity, tag and date fields.
$SEARCHER --db "$DB" -n 2 --facet person,org,place runway
$SEARCHER --db "$DB" -n 0 --facet month --facet year,type walsh OR bell
$SEARCHER --db "$DB" -n 1 --facet places,topics --facet-size 3 type:record
$SEARCHER --db "$DB" -n 1 --facet source,author --facet-size 4 water
$SEARCHER --db "$DB" -n 1 --facet nosuch water || echo "exit $?"
