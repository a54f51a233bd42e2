# --format csv: RFC 4180 with CRLF row ends (shown as ^M), a header row, one row per hit.
$SEARCHER --db "$DB" -n 3 --format csv '"tank farm"' | cat -v
$SEARCHER --db "$DB" --format csv zzyzx | cat -v || echo "exit $?"
printf 'q1\t"tank farm"\nq2\tzzyzx\n' > queries.txt
$SEARCHER --db "$DB" -n 2 --batch queries.txt --format csv | cat -v
