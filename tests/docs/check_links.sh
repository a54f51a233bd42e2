#!/usr/bin/env bash
# Every relative Markdown link of README.md and docs/*.md names an existing file, and its #anchor (if any)
# a heading of that file (GitHub's heading ids). Links to the web are not followed; docs/architecture.md
# may be missing (it is written separately). Usage: check_links.sh SOURCE_DIR
set -euo pipefail
root=${1:?usage: check_links.sh SOURCE_DIR}
cd "$root"

# The anchors GitHub gives a file's headings: lower case, punctuation dropped, spaces to hyphens.
anchors() {
  awk '/^```/ { code = !code; next } !code && /^#+ / { sub(/^#+ +/, ""); print }' "$1" |
    tr '[:upper:]' '[:lower:]' | sed -e 's/`//g' -e 's/[^[:alnum:] _-]//g' -e 's/ /-/g'
}
# The links of a file, outside fenced code blocks and `code spans`: one target a line.
links() {
  awk '/^```/ { code = !code; next } !code' "$1" | sed -e 's/`[^`]*`//g' |
    grep -oE '\]\([^)[:space:]]+\)' | sed -e 's/^](//' -e 's/)$//' || true
}

checked=0 bad=0
for file in README.md docs/*.md; do
  [ -f "$file" ] || continue
  dir=$(dirname "$file")
  while IFS= read -r link; do
    case $link in http://* | https://* | mailto:*) continue ;; esac
    path=${link%%#*}
    anchor=
    [[ $link == *#* ]] && anchor=${link#*#}
    if [ -z "$path" ]; then target=$file; else target=$(realpath -m --relative-to=. "$dir/$path"); fi
    checked=$((checked + 1))
    if [ ! -e "$target" ]; then
      [ "$target" = docs/architecture.md ] && continue  # written separately; may not be there yet
      echo "$file: broken link '$link': no file $target"; bad=$((bad + 1)); continue
    fi
    if [ -n "$anchor" ] && [[ $target == *.md ]] && ! anchors "$target" | grep -qxF -- "$anchor"; then
      echo "$file: broken link '$link': no heading #$anchor in $target"; bad=$((bad + 1))
    fi
  done < <(links "$file")
done
echo "links: $checked checked, $bad broken"
[ "$bad" -eq 0 ]
