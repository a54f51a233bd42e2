# indexer --dump of the e-mail, SGML and archive inputs (tests/data/formats): documents as the indexer sees
# them, members of an archive named archive:member, broken records reported with their lines (exit 1).
cd "$TESTS/data/formats"
"$INDEXER" --dump archive.zip --no-entities
"$INDEXER" --dump email_cmu_style --no-entities --json
"$INDEXER" --dump reuters.sgm --no-entities > "$TMP/reuters.txt" || echo "reuters.sgm: exit $?"
grep -E '^(==|id:|title:|date:|tag:)' "$TMP/reuters.txt"
"$INDEXER" --dump mailbox.mbox --no-entities > /dev/null || echo "mailbox.mbox: exit $?"
