# indexer --dump: a news article as the indexer sees it, in text and JSON (no database needed).
"$INDEXER" --dump "$CORPUS/news/faa-review-ordered.txt"
"$INDEXER" --dump "$CORPUS/news/faa-review-ordered.txt" --json
