#!/usr/bin/env bash
# The library's stages depend on each other one way (docs/architecture.md): a file of stage S may include
# headers of the stages allowed for S below and of S itself, nothing else. Reads every #include line of
# common/include/newsdex/<stage>/ and common/src/<stage>/ (public <newsdex/STAGE/...> and private
# "STAGE/..." forms) and fails, naming file and line, on an include against the rule.
# Usage: check_include_layers.sh [COMMON_DIR]   (default: the common/ beside this script's tests/)
set -euo pipefail
common=${1:-"$(cd "$(dirname "$0")/../common" && pwd)"}

# Stage -> the stages it may include (besides itself). The order is the pipeline's.
declare -A allowed=(
  [core]=""
  [schema]="core"
  [analysis]="core schema"
  [ingest]="core schema analysis"
  [entities]="core schema analysis"
  [index]="core schema analysis ingest entities"
  [search]="core schema analysis"
  [output]="core schema analysis ingest entities search"
  [cli]="core schema analysis ingest entities index search output"
)

# One awk pass over every include line: "FILE:LINE:TEXT" with FILE's stage taken from its path.
rules=$(for k in "${!allowed[@]}"; do printf '%s=%s;' "$k" "${allowed[$k]}"; done)
report=$(grep -rnE '^[[:space:]]*#[[:space:]]*include' "$common/include/newsdex" "$common/src" \
           --include='*.hpp' --include='*.cpp' --include='*.h' |
  awk -v rules="$rules" -v inc="$common/include/newsdex/" -v src="$common/src/" '
    BEGIN {
      n = split(rules, r, ";")
      for (i = 1; i <= n; i++) if (r[i] != "") { split(r[i], kv, "="); known[kv[1]] = 1; ok[kv[1]] = " " kv[2] " " }
    }
    {
      file = $0; sub(/:[0-9]+:.*/, "", file)
      rest = substr($0, length(file) + 2); line = rest; sub(/:.*/, "", line); text = substr(rest, length(line) + 2)
      path = file; sub("^" inc, "", path); sub("^" src, "", path)
      stage = path; sub(/\/.*/, "", stage)
      if (!(stage in known)) { if (!(stage in told) && path ~ /\//) { print file ": error: folder \047" stage "\047 is not a known stage"; told[stage] = 1; bad++ } next }
      if (!match(text, /[<"](newsdex\/)?[a-z_]+\//)) next
      target = substr(text, RSTART + 1, RLENGTH - 2); sub(/^newsdex\//, "", target)
      if (!(target in known)) next
      checked++
      if (target == stage || index(ok[stage], " " target " ")) next
      print file ":" line ": error: " stage "/ may not include " target "/ (" text ")"; bad++
    }
    END { printf "checked=%d bad=%d\n", checked, bad }')
printf '%s\n' "$report" | grep -v '^checked=' || true
checked=$(printf '%s\n' "$report" | sed -n 's/^checked=\([0-9]*\) .*/\1/p')
bad=$(printf '%s\n' "$report" | sed -n 's/.* bad=\([0-9]*\)$/\1/p')
# No source file left outside a stage folder.
while IFS= read -r f; do
  echo "$f: error: every library file belongs in a stage folder"; bad=$((bad + 1))
done < <(find "$common/src" "$common/include/newsdex" -maxdepth 1 -type f \( -name '*.cpp' -o -name '*.hpp' \))
echo "include layers: $checked includes checked, $bad against the rule"
[ "$bad" -eq 0 ]
