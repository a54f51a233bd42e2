# Text from a stranger's file must not drive the terminal: ESC sequences (window title, hidden
# hyperlink), BEL, a carriage return, C1 controls and bidi overrides are shown escaped by --dump,
# dropped from the searcher's one-line fields, and escaped as JSON in JSON output.
printf '{"id": "ctl-1", "title": "Title \\u001b]0;owned\\u0007 here", "source": "Wire\\u009b31m", "body": "See \\u001b]8;;http://e.test/\\u001b\\\\this link\\u001b]8;;\\u001b\\\\ and\\rover \\u202egnp.exe words"}\n' > "$TMP/ctl.jsonl"
$INDEXER --dump "$TMP/ctl.jsonl" | LC_ALL=C grep -q $'[\x1b\x07\r]\|\xc2\x9b\|\xe2\x80\xae' && echo "dump: RAW control characters" || echo "dump: no raw control characters"
$INDEXER --dump "$TMP/ctl.jsonl" | sed -n '/^title/p;/^source/p;/^  | /p'
$INDEXER -q --no-entities --db "$TMP/ctl.db" "$TMP/ctl.jsonl"
$SEARCHER --db "$TMP/ctl.db" words | LC_ALL=C grep -q $'[\x1b\x07\r]\|\xc2\x9b\|\xe2\x80\xae' && echo "search: RAW control characters" || echo "search: no raw control characters"
$SEARCHER --db "$TMP/ctl.db" --show ctl-1 | LC_ALL=C grep -q $'[\x1b\x07\r]\|\xc2\x9b\|\xe2\x80\xae' && echo "show: RAW control characters" || echo "show: no raw control characters"
$SEARCHER --db "$TMP/ctl.db" --json words | LC_ALL=C grep -q $'[\x1b\x07\r]\|\xc2\x9b\|\xe2\x80\xae' && echo "json: RAW control characters" || echo "json: no raw control characters"
$INDEXER --dump "$TMP/ctl.jsonl" --json | LC_ALL=C grep -q $'[\x1b\x07\r]\|\xc2\x9b\|\xe2\x80\xae' && echo "dump json: RAW control characters" || echo "dump json: no raw control characters"
