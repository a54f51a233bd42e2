# bash completion for searcher(1): options, their values (--format, --sort, --color, --collapse, the
# --facet fields, comma lists included), query field prefixes (title:, person:, type:memo...) and files
# for --db and --batch. Installed as share/bash-completion/completions/searcher; works without the
# bash-completion package too (`source` it).

_newsdex_searcher_files() {  # files and folders (a database is a folder, a stub a file)
    local IFS=$'\n'
    compopt -o filenames 2>/dev/null
    COMPREPLY+=($(compgen -f -- "$1"))
}

_newsdex_searcher() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    COMPREPLY=()
    # bash splits `--opt=value` and `field:value` at '=' and ':' (COMP_WORDBREAKS).
    if [[ $cur == "=" ]]; then
        cur=
    elif [[ $prev == "=" && $COMP_CWORD -ge 2 ]]; then
        prev=${COMP_WORDS[COMP_CWORD-2]}
    fi

    local facets="person org place misc country source author type year month places topics people orgs exchanges keywords newsgroups references attachments"
    local options="--help --version --allow-programs --db --limit --offset --sort --format --json --count --color --and --facet
                   --facet-size --facet-depth --collapse --like --recency --expand --show --batch --run-tag --jobs --since-last"

    if [[ ${COMP_WORDS[1]} == eval && $COMP_CWORD -ge 2 ]]; then  # searcher eval --qrels QRELS RUN
        case $prev in
            --qrels) _newsdex_searcher_files "$cur"; return 0 ;;
        esac
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--help --qrels --per-query --json" -- "$cur"))
        else
            _newsdex_searcher_files "$cur"
        fi
        return 0
    fi

    case $prev in
        --db | --since-last) _newsdex_searcher_files "$cur"; return 0 ;;
        --batch) _newsdex_searcher_files "$cur"; COMPREPLY+=($(compgen -W "-" -- "$cur")); return 0 ;;
        --sort) COMPREPLY=($(compgen -W "relevance date -date" -- "$cur")); return 0 ;;
        --format) COMPREPLY=($(compgen -W "text json csv jsonl trec tsv" -- "$cur")); return 0 ;;
        --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return 0 ;;
        --collapse) COMPREPLY=($(compgen -W "title source date type" -- "$cur")); return 0 ;;
        --facet)  # FIELD[,FIELD...]: complete the field after the last comma
            local done_part=
            [[ $cur == *,* ]] && done_part=${cur%,*},
            COMPREPLY=($(compgen -P "$done_part" -W "$facets" -- "${cur##*,}"))
            return 0 ;;
        -n | --limit | --offset | --facet-size | --facet-depth | -j | --jobs | --like | --show | --run-tag)
            return 0 ;;  # a number or an id: nothing to offer
    esac

    # After a bare `--` every word is query text.
    local i
    for ((i = 1; i < COMP_CWORD; i++)); do
        [[ ${COMP_WORDS[i]} == -- ]] && break
    done
    if [[ $cur == -* && $i -eq $COMP_CWORD ]]; then
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
        [[ $COMP_CWORD -eq 1 ]] && COMPREPLY+=($(compgen -W "eval" -- "$cur"))
        return 0
    fi

    # Query words: field prefixes, and the values of type:.
    local field= value=$cur
    if [[ $prev == ":" && $COMP_CWORD -ge 2 ]]; then
        field=${COMP_WORDS[COMP_CWORD-2]}  # `type:` was split into `type` `:` `cur`
    elif [[ $cur == ":" ]]; then
        field=$prev value=
    elif [[ $cur == *:* ]]; then  # ':' not a word break here: reply with whole words
        field=${cur%%:*} value=${cur#*:}
    fi
    if [[ -n $field ]]; then
        local prefix=
        [[ $cur == *:* && $cur != ":" ]] && prefix=$field:
        [[ ${field#[-+(]} == type ]] && COMPREPLY=($(compgen -P "$prefix" -W "news memo email record" -- "$value"))
        return 0
    fi
    local fields="title: subject: body: author: source: from: to: cc: type: id: date: person: org: place:
                  misc: country: mentions: places: topics: people: orgs: exchanges: keywords: newsgroups: references: attachments:"
    local lead=${cur%%[!-+(]*}  # keep a leading + - ( on the word
    COMPREPLY=($(compgen -P "$lead" -W "$fields" -- "${cur#"$lead"}"))
    [[ ${#COMPREPLY[@]} -gt 0 ]] && compopt -o nospace 2>/dev/null
    [[ $COMP_CWORD -eq 1 ]] && COMPREPLY+=($(compgen -W "eval" -- "$cur"))
    return 0
}

complete -F _newsdex_searcher searcher
