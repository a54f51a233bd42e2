# bash completion for indexer(1): options, --format and --language values, files and folders for
# PATH, --db and --dump. Installed as share/bash-completion/completions/indexer; works without the
# bash-completion package too (`source` it).

_newsdex_indexer_files() {  # files and folders
    local IFS=$'\n'
    compopt -o filenames 2>/dev/null
    COMPREPLY+=($(compgen -f -- "$1"))
}

_newsdex_indexer() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    COMPREPLY=()
    # bash splits `--opt=value` at '=' (COMP_WORDBREAKS).
    if [[ $cur == "=" ]]; then
        cur=
    elif [[ $prev == "=" && $COMP_CWORD -ge 2 ]]; then
        prev=${COMP_WORDS[COMP_CWORD-2]}
    fi

    # Xapian 1.4's Snowball stemmers, and `none` for no stemming.
    local languages="none arabic armenian basque catalan danish dutch earlyenglish english finnish french german
                     german2 hungarian indonesian irish italian kraaij_pohlmann lithuanian lovins nepali norwegian
                     porter portuguese romanian russian spanish swedish tamil turkish"
    local options="--help --version --allow-programs --db --format --language --prune --follow --commit-mb --segment-mb --shard-mb --threads --shards --no-merge
                   --shard --quiet --stats --no-entities --dump --json"

    case $prev in
        --db | --dump) _newsdex_indexer_files "$cur"; return 0 ;;
        --format) COMPREPLY=($(compgen -W "auto news memo jsonl email trec reuters html" -- "$cur")); return 0 ;;
        --language) COMPREPLY=($(compgen -W "$languages" -- "$cur")); return 0 ;;
        --commit-mb | --segment-mb | --shard-mb | --threads | --shards | --shard) return 0 ;;  # numbers, K/N
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
        [[ $cur == - ]] && COMPREPLY+=(-)  # `-`: JSON Lines on standard input
        return 0
    fi
    _newsdex_indexer_files "$cur"
    return 0
}

complete -F _newsdex_indexer indexer
