#!/usr/bin/env bash
# newsdex against Omega's scriptindex on Reuters-21578, whole processes, alternating runs.
#
#   BUILD=build-dir benchmarks/omega_compare.sh [RUNS=3] [indexer options...]
#
# newsdex indexes the JSON Lines (default: --threads 2, entities on); scriptindex indexes the same
# articles converted by `corpus_tool scriptindex` (title, body, dateline, gold tag lists as boolean
# terms; benchmarks/omega/reuters.index; --stemmer=english). Prints each run, the median wall times,
# their ratio and peak RSS (/usr/bin/time -v). Targets: ratio <= 0.75, newsdex peak <= 1 GB.
set -euo pipefail
source "$(dirname "$0")/bench_common.sh"
runs=${1:-3}
shift || true
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--threads 2)
command -v scriptindex >/dev/null || { echo "needs scriptindex (apt-get install xapian-omega)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/newsdex-omega-XXXXXX")
trap 'rm -rf "$work"' EXIT
"$CORPUS_TOOL" scriptindex "$REUTERS" "$work/reuters.si" 2>/dev/null

nd_wall=() nd_rss=() om_wall=() om_rss=()
for ((i = 1; i <= runs; i++)); do
  rm -rf "$work/newsdex" "$work/omega"
  timed w m "$INDEXER" -q "${args[@]}" --db "$work/newsdex" "$REUTERS"
  nd_wall+=("$w") nd_rss+=("$m")
  timed w2 m2 scriptindex --stemmer=english "$work/omega" "$here/omega/reuters.index" "$work/reuters.si"
  om_wall+=("$w2") om_rss+=("$m2")
  echo "run $i: newsdex ${w} s (${m} MB)   scriptindex ${w2} s (${m2} MB)"
done
nd=$(median "${nd_wall[@]}")
om=$(median "${om_wall[@]}")
echo "newsdex ${args[*]}: median ${nd} s, peak RSS $(max "${nd_rss[@]}") MB"
echo "scriptindex --stemmer=english: median ${om} s, peak RSS $(max "${om_rss[@]}") MB"
echo "ratio newsdex/scriptindex: $(ratio "$nd" "$om") (target <= 0.75)"
