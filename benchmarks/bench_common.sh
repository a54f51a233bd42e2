# Shared by the whole-process indexing benchmarks (sourced): paths, a timer and a median.
# BUILD (default: <root>/build) holds the indexer and corpus_tool; REUTERS the JSON Lines corpus.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
BUILD=${BUILD:-$root/build}
REUTERS=${REUTERS:-$root/../shared/corpora/reuters21578-jsonl/reuters21578.jsonl}
INDEXER=$BUILD/indexer/indexer
CORPUS_TOOL=$BUILD/benchmarks/corpus_tool
for f in "$INDEXER" "$CORPUS_TOOL"; do
  [ -x "$f" ] || { echo "missing $f: build the indexer and corpus_tool targets (BUILD=$BUILD)" >&2; exit 2; }
done
[ -r "$REUTERS" ] || { echo "missing $REUTERS (../shared/corpora): nothing to measure" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time, package time)" >&2; exit 2; }

# timed_err ERRFILE OUTVAR_WALL OUTVAR_RSS CMD...: run CMD with its standard error in ERRFILE, set wall
# seconds and peak RSS (MB) from /usr/bin/time -v.
timed_err() {
  local _err=$1
  shift
  local -n _wall=$1 _rss=$2
  shift 2
  local log
  log=$(mktemp)
  if ! /usr/bin/time -v -o "$log" "$@" >/dev/null 2>"$_err"; then
    echo "failed: $*" >&2
    tail -20 "$_err" >&2
    rm -f "$log"
    exit 1
  fi
  _wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
            n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$log")
  _rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$log")
  rm -f "$log"
}

# timed OUTVAR_WALL OUTVAR_RSS CMD...: the same, standard error dropped.
timed() {
  local _errfile
  _errfile=$(mktemp)
  timed_err "$_errfile" "$@"
  rm -f "$_errfile"
}

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
max() { printf '%s\n' "$@" | sort -g | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
