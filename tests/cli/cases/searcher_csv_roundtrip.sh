# CSV read back by Python's csv module: titles with commas, quotes and line breaks come back intact,
# for a single query and for a batch (which adds the qid column).
cat > tricky.jsonl <<'JSON'
{"id": "c1", "title": "Oil, gas and coal", "date": "2017-03-01", "source": "Wire, Inc.", "authors": ["Roe, Jane", "Doe"], "body": "harbour news"}
{"id": "c2", "title": "The \"big\" harbour", "date": "2017-03-02", "body": "harbour news"}
{"id": "c3", "title": "Two\nlines and\r\na CR", "date": "2017-03-03", "body": "harbour news"}
{"id": "c4", "title": "plain", "body": "harbour news"}
JSON
$INDEXER -q --db csv.db tricky.jsonl
check='
import csv, io, json, sys
want = {json.loads(l)["id"]: json.loads(l) for l in open("tricky.jsonl")}
data = sys.stdin.buffer.read().decode("utf-8")
assert data.endswith("\r\n"), "rows end with CRLF"
rows = list(csv.DictReader(io.StringIO(data, newline="")))
for row in rows:
    doc = want[row["id"]]
    assert row["title"] == doc["title"], (row["title"], doc["title"])
    assert row["source"] == doc.get("source", ""), row
    assert row["authors"] == "; ".join(doc.get("authors", [])), row
    assert row["date"] == doc.get("date", ""), row
print(len(rows), "rows intact;", "columns:", ",".join(rows[0].keys()))
'
$SEARCHER --db csv.db -n 10 --format csv harbour | python3 -c "$check"
printf 'h\tharbour\n' | $SEARCHER --db csv.db -n 10 --batch - --format csv 2>/dev/null | python3 -c "$check"
