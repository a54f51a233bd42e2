#!/usr/bin/env bash
# `cmake --install` of this build into a scratch prefix, then the installed programs in a clean
# environment (env -i, PATH=/usr/bin:/bin, away from the source tree): they find the tagger model under
# PREFIX/share/newsdex, answer CLI cases as tests/cli/expected says, their man pages render and the bash
# completion offers the --facet fields.
# Environment: BUILD (the build tree), SOURCE (the source tree), WORK (scratch folder, emptied).
set -euo pipefail
rm -rf "$WORK"
mkdir -p "$WORK"
prefix=$WORK/prefix
cmake --install "$BUILD" --prefix "$prefix" > "$WORK/install.log"

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

# A clean environment; the sanitizer build's runtime options pass through (.ci/sanitize sets them).
clean=(env -i PATH=/usr/bin:/bin)
for v in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS ASAN_SYMBOLIZER_PATH; do
  [ -n "${!v:-}" ] && clean+=("$v=${!v}")
done

# --- the layout
for f in bin/indexer bin/searcher share/newsdex/ner/model.bin \
         share/bash-completion/completions/indexer share/bash-completion/completions/searcher \
         share/doc/newsdex/copyright share/doc/newsdex/changelog.gz; do
  [ -f "$prefix/$f" ] || fail "not installed: $f"
done
for f in bin/ner share/newsdex/ner/README.md; do
  [ ! -e "$prefix/$f" ] || fail "installed but should not be: $f"
done
extra=$(find "$prefix/bin" -type f ! -name indexer ! -name searcher)
[ -z "$extra" ] || fail "unexpected programs in bin/: $extra"
cmp -s "$SOURCE/data/ner/model.bin" "$prefix/share/newsdex/ner/model.bin" || fail "installed model differs from data/ner"

# --- the installed indexer reads the model of its own prefix: a copy of the prefix with a broken model fails
cp -a "$prefix" "$WORK/broken"
echo "not a model" > "$WORK/broken/share/newsdex/ner/model.bin"
if "${clean[@]}" "$WORK/broken/bin/indexer" --db "$WORK/broken-db" "$SOURCE/corpus" > "$WORK/broken.out" 2>&1; then
  fail "indexer of a prefix with a broken model succeeded (model not read from PREFIX/share/newsdex?)"
elif grep -q "$WORK/broken/share/newsdex/ner/model.bin" "$WORK/broken.out"; then
  ok "the indexer loads PREFIX/share/newsdex/ner/model.bin"
else
  fail "broken model not reported by path:"; cat "$WORK/broken.out"
fi

# --- CLI cases with the installed programs, against tests/cli/expected (the harness of tests/cli)
tests=$SOURCE/tests
harness=("${clean[@]}" INDEXER="$prefix/bin/indexer" SEARCHER="$prefix/bin/searcher"
         CORPUS="$SOURCE/corpus" WORK="$WORK/cli" TESTS="$tests")
if "${harness[@]}" bash "$tests/cli/setup.sh"; then
  for name in searcher_phrase searcher_fields searcher_dates searcher_json entities_search facets_text \
              facets_json searcher_show batch_trec batch_tsv searcher_bad_query indexer_no_args; do
    if out=$("${harness[@]}" bash "$tests/cli/run_case.sh" "$name" 2>&1); then
      ok "cli case $name"
    else
      fail "cli case $name with the installed programs:"; echo "$out" | head -40
    fi
  done
else
  fail "indexing corpus/ with the installed indexer"
fi

# --- man pages
if [ ! -f "$prefix/share/man/man1/searcher.1.gz" ]; then
  echo "skip: no man pages installed (scdoc was not found when the build was configured)"
elif ! command -v man > /dev/null; then
  echo "skip: man is not installed (apt-get install man-db); man pages not rendered"
else
  for page in indexer searcher; do
    text=$("${clean[@]}" MANWIDTH=100 man -l "$prefix/share/man/man1/$page.1.gz" 2>&1) || true
    missing=
    for section in NAME SYNOPSIS DESCRIPTION OPTIONS "QUERY SYNTAX" FIELDS OUTPUT "EXIT STATUS" ENVIRONMENT \
                   EXAMPLES FILES "SEE ALSO"; do
      grep -q "^$section\$" <<< "$text" || missing+=" '$section'"
    done
    if [ -n "$missing" ]; then fail "man -l $page.1.gz: sections missing:$missing"; else ok "man $page renders"; fi
  done
fi

# --- bash completion: call the completion function as bash would, read COMPREPLY
complete_words() {  # PROGRAM WORD... (the last word is the one being completed)
  local program=$1
  shift
  "${clean[@]}" bash --norc --noprofile -c '
    source "$0"
    COMP_WORDS=("${@}"); COMP_CWORD=$(($# - 1))
    fn=$(complete -p "${COMP_WORDS[0]}" | sed -n "s/.*-F \([^ ]*\) .*/\1/p")
    "$fn" "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    printf "%s\n" "${COMPREPLY[@]}"' "$prefix/share/bash-completion/completions/$program" "$program" "$@"
}
expect_completion() {  # "EXPECTED WORDS" PROGRAM WORD...
  local expected=$1
  shift
  local got
  got=$(complete_words "$@" | sort | tr '\n' ' ')
  for w in $expected; do
    if ! grep -q -- "\(^\| \)$w " <<< "$got"; then fail "completion of '${*:2}' lacks '$w' (got: $got)"; return; fi
  done
  ok "completion of '${*:2}' offers $expected"
}
expect_completion "person org place misc source author type year month" searcher searcher --facet ""
expect_completion "person,org person,orgs" searcher searcher --facet "person,o"
expect_completion "text json jsonl trec tsv" searcher searcher --format ""
expect_completion "--facet --facet-size --facet-depth" searcher searcher --fa
expect_completion "title: type:" searcher searcher t
expect_completion "memo" searcher searcher type : m  # bash splits `type:m` at ':' (COMP_WORDBREAKS)
expect_completion "auto news memo jsonl email trec reuters html" indexer indexer --format ""
expect_completion "--no-entities --no-merge" indexer indexer --no

if [ "$failures" -gt 0 ]; then
  echo "install test: $failures failure(s)"
  exit 1
fi
echo "install test: ok"
