# `indexer ner train|eval|tag`: the tagger's commands under the indexer (the `ner` program's too).
# eval scores a tiny CoNLL file with the committed model (timings masked); tag marks the entities
# of plain text; a missing subcommand and a missing file are usage errors.
mask() { sed -e 's/tokens\/s: [0-9]*/tokens\/s: N/' -e 's/"tokens_per_second": [0-9]*/"tokens_per_second": N/'; }
cp "$TESTS/data/ner/tiny.conll" .
"$INDEXER" ner --help
"$INDEXER" ner eval tiny.conll | mask
"$INDEXER" ner eval --json tiny.conll | mask
printf 'Theresa Walsh flew to London .\n' | "$INDEXER" ner tag
"$INDEXER" ner 2>&1 || echo "exit $?"
"$INDEXER" ner eval no-such-file.conll 2>&1 || echo "exit $?"
