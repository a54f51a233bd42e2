#!/usr/bin/env bash
# N (default 500) short queries from the Reuters-21578 JSON Lines titles, deterministically:
# every title lower-cased, letters only (digits and punctuation become spaces), its first two words
# of at least 3 letters that are not in a small stop list make a candidate query ("bahia cocoa");
# titles with fewer than two such words give none; the N queries are the candidates at evenly
# spaced positions (i * candidates / N, i = 0..N-1) in file order. Same input, same queries.
# Usage: benchmarks/reuters_queries.sh [JSONL] [N] > queries.txt
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jsonl=${1:-$root/../shared/corpora/reuters21578-jsonl/reuters21578.jsonl}
n=${2:-500}
[ -f "$jsonl" ] || { echo "reuters_queries: $jsonl is missing" >&2; exit 77; }
grep -o '"title": "[^"]*"' "$jsonl" | sed -e 's/^"title": "//' -e 's/"$//' | LC_ALL=C awk -v n="$n" '
  BEGIN {
    split("the and for with from says said its has have not are was will but may new", s, " ")
    for (i in s) stop[s[i]] = 1
  }
  {
    t = tolower($0); gsub(/[^a-z]/, " ", t)
    m = split(t, w, " "); q = ""; k = 0
    for (i = 1; i <= m && k < 2; i++)
      if (length(w[i]) >= 3 && !(w[i] in stop)) { q = q (k ? " " : "") w[i]; k++ }
    if (k == 2) cand[c++] = q
  }
  END {
    if (c < n) { print "reuters_queries: only " c " candidate queries" > "/dev/stderr"; exit 2 }
    for (i = 0; i < n; i++) print cand[int(i * c / n)]
  }'
