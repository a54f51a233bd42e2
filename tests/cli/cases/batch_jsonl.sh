# --batch FILE: JSON Lines, one object per query in input order (the --json object plus qid and
# error); QID<TAB>query lines, blank lines and # comments; single-query options apply to every query.
cat > queries.txt <<'Q'
# two queries with ids, one without (its qid is its line number)
runway	runway incursion

breach	brightwell breach
boil water advisory
Q
$SEARCHER --db "$DB" --batch queries.txt -n 1 --facet type
