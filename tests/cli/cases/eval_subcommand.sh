# searcher eval --qrels QRELS RUN: MAP, P@10, nDCG@10, R@100 (trec_eval definitions) on a tiny
# hand-computed example (tests/unit/eval_test.cpp): query 1 AP (1 + 2/3)/3 = 0.5556, P@10 0.2,
# nDCG@10 2/3.1309 = 0.6388, R@100 2/3; query 2 retrieved nothing: 0; query 3 has no relevant document.
printf '1 0 d1 1\n1 0 d3 2\n1 0 d9 1\n1 0 d2 0\n2 0 d5 1\n3 0 d7 0\n' > tiny.qrels
printf '1 Q0 d2 2 2.0 t\n1 Q0 d3 3 1.0 t\n1 Q0 d1 1 3.0 t\n3 Q0 d7 1 1.0 t\n' > tiny.run
$SEARCHER eval --qrels tiny.qrels tiny.run
$SEARCHER eval --qrels tiny.qrels tiny.run --per-query
$SEARCHER eval --qrels tiny.qrels tiny.run --json
$SEARCHER eval --qrels tiny.qrels tiny.run --json --per-query
printf '1 Q0 d1 1 high t\n' > bad.run
$SEARCHER eval --qrels tiny.qrels bad.run || echo "exit $?"
$SEARCHER eval --qrels missing.qrels tiny.run || echo "exit $?"
$SEARCHER eval tiny.run || echo "exit $?"
