# --version: one line, the program and the project version; exit 0.
"$INDEXER" --version
"$SEARCHER" --version
