# --format tsv: qid, rank, id, score, title, tab-separated, for shell pipelines; --offset applies.
printf 'faa\nwalsh review\n' > q.txt
$SEARCHER --db "$DB" --batch q.txt --format tsv -n 2 --offset 1
