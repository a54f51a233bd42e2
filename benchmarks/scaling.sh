#!/usr/bin/env bash
# How indexing would scale with more cores, measured on the cores there are: Reuters-21578 repeated
# N times (copy K > 1 with ids "ID~K", one file a copy, as growth.sh) is indexed into a fresh
# database with `indexer --stats`; prints the stats line, the merge tail, peak RSS, and the speedup
# projected at 2, 8, 16 and 64 cores from where the time went (Amdahl, with the reading thread as a
# floor):  cpu / (serial + max(read busy, (cpu - serial) / cores)).
# Target: on Reuters x4 with --threads 2, >= 10x at 16 cores (serial_s and the read stage small).
#
#   BUILD=build-dir benchmarks/scaling.sh [N=4] [indexer options... (default --threads 2)]
set -euo pipefail
source "$(dirname "$0")/bench_common.sh"
n=${1:-4}
shift || true
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--threads 2)

work=$(mktemp -d "${TMPDIR:-/tmp}/newsdex-scaling-XXXXXX")
trap 'rm -rf "$work"' EXIT
"$CORPUS_TOOL" repeat "$n" "$REUTERS" "$work/in" >/dev/null

log=$work/stderr
timed_err "$log" w m "$INDEXER" -q --stats "${args[@]}" --db "$work/db" "$work/in"
stats=$(sed -n 's/^stats: //p' "$log" | tail -1)
[ -n "$stats" ] || { echo "no stats line from the indexer" >&2; cat "$log" >&2; exit 1; }
echo "Reuters x$n, indexer ${args[*]}:"
echo "stats: $stats"
shards=$(if [ -f "$work/db/XAPIANDB" ]; then grep -c . "$work/db/XAPIANDB"; else echo 1; fi)
echo "database: $(du -sm "$work/db" | cut -f1) MB in $shards shard(s); /usr/bin/time: ${w} s, peak RSS ${m} MB"
python3 - "$stats" <<'EOF'
import json, sys
s = json.loads(sys.argv[1])
cpu, serial = s["cpu_s"], s["serial_s"]
read = s["stages"].get("read", {}).get("busy_s", 0.0)
print(f"wall {s['wall_s']:.2f} s, cpu {cpu:.2f} s, serial {serial:.2f} s (tail {s['tail_s']:.2f} s), "
      f"read busy {read:.2f} s, peak RSS {s['peak_rss_mb']:.0f} MB")
for name, st in s["stages"].items():
    print(f"  {name:9s} {st['threads']:3d} threads  busy {st['busy_s']:8.2f} s")
for cores in (2, 8, 16, 64):
    t = serial + max(read, (cpu - serial) / cores)
    print(f"projected speedup at {cores:2d} cores: {cpu / t:5.2f}x")
EOF
