# WordNet's synonyms (NEWSDEX_WORDNET_DIR) are read for the entity table at the end of a run: a folder
# without WordNet is no error; a broken data.noun is one warning, the run still succeeds (exit 0) and
# the table is built from the corpus alone.
printf '%s\n' '{"id": "a", "title": "Federal Aviation Administration", "body": "The Federal Aviation Administration (FAA) said on Monday it would inspect the runway."}' > a.jsonl
NEWSDEX_WORDNET_DIR="$TMP/none" "$INDEXER" --db db1 -q a.jsonl 2>&1 || echo "exit $?"
mkdir broken && printf 'not a synset\n' > broken/data.noun
NEWSDEX_WORDNET_DIR="$TMP/broken" "$INDEXER" --db db2 a.jsonl 2>&1 || echo "exit $?"
"$SEARCHER" --db db2 -n 0 --facet org 'org:"FAA"' 2>&1
