# indexer --dump of a memo: header people are person entities; relative dates resolved on the memo's date.
"$INDEXER" --dump "$CORPUS/memos/faa-incursion-review.txt"
"$INDEXER" --dump "$CORPUS/memos/faa-incursion-review.txt" --json
