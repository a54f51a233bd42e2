#!/usr/bin/env bash
# Hostile inputs: each is indexed or refused with its diagnostic, the indexer's peak memory (max RSS,
# /usr/bin/time -f %M) stays under 512 MB with 2 threads, and the database passes xapian-check.
# The inputs are generated here (too big, or too many files, to commit):
#   bomb.jsonl.gz     2 GiB of zeros after one JSON line, gzip-compressed (about 2 MB)
#   long.jsonl        one 100 MB JSON line, then a normal record
#   deep.jsonl        a record nested 100,000 arrays deep, then a normal record
#   many.zip          100,000 empty members and one text member
#   loop/             a directory whose link points back at itself
# tests/data/broken/README.md lists the diagnostic and the peak memory of each.
#
# Environment: INDEXER (program), WORK (scratch folder, emptied).
set -euo pipefail
: "${INDEXER:?}" "${WORK:?}"
for tool in xapian-check python3 gzip /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "$tool missing" >&2; exit 1; }
done
rm -rf "$WORK"
mkdir -p "$WORK/in"
cd "$WORK/in"
fail() { echo "FAIL: $*" >&2; exit 1; }

{ echo '{"id": "bomb-1", "title": "Before the zeros", "body": "A record before two gigabytes of zeros."}'
  head -c 2147483648 /dev/zero; } | gzip -1 > bomb.jsonl.gz
python3 - <<'PY'
import zipfile
with open("long.jsonl", "w") as f:
    f.write('{"id": "long-1", "title": "A long line", "body": "' + "word " * 20_000_000 + '"}\n')
    f.write('{"id": "long-2", "title": "After the long line", "body": "A short record."}\n')
with open("deep.jsonl", "w") as f:
    f.write('{"id": "deep-1", "nested": ' + "[" * 100_000 + "]" * 100_000 + '}\n')
    f.write('{"id": "deep-2", "title": "After the deep record", "body": "A short record."}\n')
with zipfile.ZipFile("many.zip", "w", zipfile.ZIP_STORED) as z:
    for i in range(100_000):
        z.writestr(f"empty/{i:06d}.txt", "")
    z.writestr("story.txt", "Zip story\n\nA short story after many empty members.\n")
PY
mkdir -p loop/a && printf 'Loop story\n\nThe only file of the looping tree.\n' > loop/a/story.txt
ln -s .. loop/a/up

# index NAME EXPECTED_GREP...: index one input alone into its own database, check memory and xapian-check.
index() {
  local name=$1 db="$WORK/db-$1" log="$WORK/$1.log" rc=0
  shift
  /usr/bin/time -f 'maxrss_kb %M' -o "$WORK/$name.time" \
    "$INDEXER" --db "$db" --threads 2 --no-entities "$WORK/in/$name" > "$log" 2>&1 || rc=$?
  local kb
  kb=$(sed -n 's/^maxrss_kb //p' "$WORK/$name.time")
  echo "$name: exit $rc, peak $((kb / 1024)) MB"
  sed 's/^/  | /' "$log" | head -n 8
  [ "$rc" -le 1 ] || fail "$name: exit $rc"
  # Under AddressSanitizer (.ci/sanitize sets ASAN_OPTIONS) shadow memory and quarantine inflate the
  # peak: the limit is for the real build, the sanitizer run checks the rest.
  [ -n "${ASAN_OPTIONS:-}" ] || [ "$kb" -lt 524288 ] || fail "$name: peak memory $((kb / 1024)) MB (limit 512 MB)"
  xapian-check "$db" > /dev/null || fail "$name: xapian-check"
  local want
  for want in "$@"; do grep -q -- "$want" "$log" || fail "$name: no '$want' in its diagnostics"; done
}

index bomb.jsonl.gz "larger than"
index long.jsonl "long.jsonl:1: error" "indexed 1 documents"
index deep.jsonl "deep.jsonl:1: error" "indexed 1 documents"
index many.zip "indexed 1 documents"
index loop "indexed 1 documents"
echo "hostile inputs: all indexed or refused within 512 MB"
