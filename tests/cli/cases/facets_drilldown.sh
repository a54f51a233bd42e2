# Drill-down: facet values as filters. Different fields AND, values of one field OR.
$SEARCHER --db "$DB" -n 0 --facet place,person runway
$SEARCHER --db "$DB" -n 0 --facet place,person 'runway place:"Ohio"'
$SEARCHER --db "$DB" -n 3 --facet place,person 'runway place:"Ohio" person:"Theresa Walsh"'
$SEARCHER --db "$DB" --count 'person:"Theresa Walsh"'
$SEARCHER --db "$DB" --count 'person:"Marcus Bell"'
$SEARCHER --db "$DB" --count 'person:"Theresa Walsh" person:"Marcus Bell"'
$SEARCHER --db "$DB" --count 'source:"Meridian Wire"'
$SEARCHER --db "$DB" -n 0 --facet source,type 'source:"Meridian Wire" type:record'
$SEARCHER --db "$DB" -n 0 --facet year 'runway date:2017'
