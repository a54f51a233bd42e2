#!/usr/bin/env bash
# make_corpus.sh DIR FILES RECORDS: write FILES JSON Lines files of RECORDS made-up news records each
# into DIR (ids gen-F-N, every one distinct), deterministic (awk srand). Used by the robustness tests.
set -euo pipefail
dir=$1 files=$2 records=$3
mkdir -p "$dir"
for f in $(seq 1 "$files"); do
  awk -v f="$f" -v n="$records" 'BEGIN {
    srand(1000 + f)
    split("har,bor,fer,ry,coun,cil,bud,get,li,bra,mu,se,um,tram,bridge,port,rail,way,sta,tion,mar,ket,town,hall,riv,er,val,ley,farm,mill,dock,yard,lane,road,north,south,east,west,new,old", syl, ",")
    ns = length(syl)
    for (i = 1; i <= n; i++) {
      title = ""; body = ""
      for (w = 1; w <= 6; w++) title = title (w > 1 ? " " : "") word()
      for (w = 1; w <= 70; w++) body = body (w > 1 ? " " : "") word() (w % 12 == 0 ? "." : "")
      printf "{\"id\": \"gen-%d-%d\", \"title\": \"Dispatch %s\", \"date\": \"2019-%02d-%02d\", \"body\": \"%s\"}\n", \
        f, i, title, 1 + i % 12, 1 + i % 28, body
    }
  }
  function word(  k, s) { s = ""; for (k = 0; k < 1 + int(rand() * 3); k++) s = s syl[1 + int(rand() * ns)]; return s }' \
    > "$dir/part-$(printf %02d "$f").jsonl"
done
