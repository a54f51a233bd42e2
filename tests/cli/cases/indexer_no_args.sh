# indexer without arguments: a one-line usage error and exit 2.
"$INDEXER"
