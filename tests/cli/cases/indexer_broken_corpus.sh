# The broken corpus (tests/data/broken, see its README.md) plus three big files made here: a 1.7 MB
# line of news text ending in a 300 KB "word", a 12 MB JSON Lines record, and a 200 MiB text file.
# Each problem is reported once, everything indexable is indexed, nothing crashes, exit 1 (some
# records failed); the database passes xapian-check. A second run re-reads nothing that was indexed.
cp -r "$TESTS/data/broken" broken
{ printf 'Very long line sample\n\n'
  yes 'harbour ferry timetable council budget library museum tram bridge' | head -n 25000 | tr '\n' ' '
  head -c 300000 /dev/zero | tr '\0' x; printf ' end\n'; } > broken/long-line.txt
{ printf '{"id": "long-1", "title": "One record on a 12 MB line", "body": "'
  yes 'storm ferry budget council library museum tram bridge' | head -n 230000 | tr '\n' ' '
  printf '"}\n{"id": "long-2", "title": "Short record after it", "body": "Still indexed."}\n'; } > broken/long-line.jsonl
{ printf 'Transport office archive\n\n'
  yes 'The quarterly archive of the regional transport office lists timetables, fares and works.' | head -c 200M; } > broken/huge.txt
"$INDEXER" --db db broken 2>&1 || echo "exit $?"
xapian-check db > check.out 2>&1 && echo "xapian-check: ok" || { echo "xapian-check failed:"; cat check.out; }
xapian-delve db | grep 'number of documents'
echo "unique ids:"
xapian-delve -a -1 db | grep '^Q' | sed 's/^Q/  /'
"$INDEXER" --db db broken 2>&1 || echo "exit $?"
