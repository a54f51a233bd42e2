# A saved search (alert): run it with --since-last STATE, index new files, run it again: only the new
# documents show. A changed file's documents are new again; an unchanged re-run adds nothing.
mkdir -p in
printf '{"id": "a-1", "title": "Harbour crane strike begins", "body": "Crane operators at the harbour walked out."}\n' > in/day1.jsonl
$INDEXER -q --no-entities --db alerts.db in
$SEARCHER --db alerts.db --since-last state --format csv harbour || echo "exit $?"
echo "-- day 2: a new file"
printf '{"id": "b-1", "title": "Harbour strike talks stall", "body": "Talks to end the harbour strike stalled."}\n' > in/day2.jsonl
$INDEXER -q --no-entities --db alerts.db in
$SEARCHER --db alerts.db --since-last state --format csv harbour || echo "exit $?"
echo "-- nothing new"
$INDEXER -q --no-entities --db alerts.db in
$SEARCHER --db alerts.db --since-last state --format csv harbour || echo "exit $?"
echo "-- day 3: day 1's file changed"
printf '{"id": "a-1", "title": "Harbour crane strike begins", "body": "Crane operators at the harbour walked out on Monday."}\n' > in/day1.jsonl
touch -d '2030-01-01' in/day1.jsonl
$INDEXER -q --no-entities --db alerts.db in
$SEARCHER --db alerts.db --since-last state --format csv harbour || echo "exit $?"
echo "-- a new STATE: its first batch shows every match"
printf 'q1\tharbour\nq2\tcrane\n' | $SEARCHER --db alerts.db --since-last state2 --batch - --format tsv
