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

bad=0 checked=0
for root in "$common/include/newsdex" "$common/src"; do
  [ -d "$root" ] || continue
  for dir in "$root"/*/; do
    stage=$(basename "$dir")
    if [ -z "${allowed[$stage]+set}" ]; then
      echo "$dir: error: folder '$stage' is not a known stage (add it to $0 and docs/architecture.md)"
      bad=$((bad + 1))
      continue
    fi
    while IFS= read -r hit; do
      file=${hit%%:*} rest=${hit#*:} line=${rest%%:*} text=${rest#*:}
      # The stage named by the include: <newsdex/STAGE/...> or "STAGE/...".
      target=$(sed -nE 's@^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](newsdex/)?([a-z_]+)/.*@\2@p' <<<"$text")
      [ -n "$target" ] || continue
      [ -n "${allowed[$target]+set}" ] || continue  # not one of ours (<oneapi/tbb/...>, <nlohmann/...>)
      checked=$((checked + 1))
      [ "$target" = "$stage" ] && continue
      case " ${allowed[$stage]} " in
        *" $target "*) ;;
        *) echo "$file:$line: error: $stage/ may not include $target/ ($text)"; bad=$((bad + 1)) ;;
      esac
    done < <(grep -rnE '^[[:space:]]*#[[:space:]]*include' "$dir" --include='*.hpp' --include='*.cpp' --include='*.h' || true)
  done
done
# No source file left outside a stage folder.
while IFS= read -r f; do
  echo "$f: error: every library file belongs in a stage folder"; bad=$((bad + 1))
done < <(find "$common/src" "$common/include/newsdex" -maxdepth 1 -type f \( -name '*.cpp' -o -name '*.hpp' \))
echo "include layers: $checked includes checked, $bad against the rule"
[ "$bad" -eq 0 ]
