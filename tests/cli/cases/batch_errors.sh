# A batch with broken queries: each gives `FILE:LINE: error: ...` on stderr and an `error` entry in
# JSON Lines (nothing in trec); the other queries still run; exit 2.
printf 'ok1\trunway incursion\nbad1\t"boil water\nok2\tbrightwell breach\nbad2\twater OR\nempty\t\n' > q.txt
$SEARCHER --db "$DB" --batch q.txt -n 1 --format trec || echo "exit $?"
$SEARCHER --db "$DB" --batch q.txt -n 0 -j 2 || echo "exit $?"
