# --format trec: `qid Q0 docid rank score tag`, docid = the document's own id (JSON id or relative
# path); --run-tag names the run; queries from standard input with -; -j 2 keeps the input order.
printf 'r1\trunway incursion\nr2\tbrightwell breach\nr3\tzzyzx\nr4\tboil water\n' |
  $SEARCHER --db "$DB" --batch - --format trec --run-tag demo -n 3 -j 2
