#!/bin/bash

__aish_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__aish_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__aish_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__aish_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_aish() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __aish_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    chat|specialists|discover|sessions|bulk|team|status|config|login|logout|mock|help)
        # Offer subcommand argument completions
        "_aish_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'chat specialists discover sessions bulk team status config login logout mock help' -- "${cur}"))
        ;;
    esac
}

_aish_chat() {
    repeating_flags=()
    non_repeating_flags=(--mock --mock-rhetor --verbose -v -c --continue --no-save --json --raw --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --transport --token --token-file --cacert --color --session --db --store --max-tokens --temperature --system)
    __aish_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--transport')
        __aish_add_completions -W 'ws'$'\n''sse'$'\n''v1'$'\n''v1-post'
        return
        ;;
    '--token')
        return
        ;;
    '--token-file')
        return
        ;;
    '--cacert')
        return
        ;;
    '--color')
        __aish_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--session')
        __aish_add_completions -W "$(__aish_custom_complete ---completion chat -- --session "${COMP_CWORD}" "$(__aish_cursor_index_in_current_word)")"
        return
        ;;
    '--db')
        return
        ;;
    '--store')
        return
        ;;
    '--max-tokens')
        return
        ;;
    '--temperature')
        return
        ;;
    '--system')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __aish_add_completions -W "$(__aish_custom_complete ---completion chat -- positional@0 "${COMP_CWORD}" "$(__aish_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_aish_specialists() {
    repeating_flags=()
    non_repeating_flags=(--mock --mock-rhetor --verbose -v --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --transport --token --token-file --cacert --color)
    __aish_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--transport')
        __aish_add_completions -W 'ws'$'\n''sse'$'\n''v1'$'\n''v1-post'
        return
        ;;
    '--token')
        return
        ;;
    '--token-file')
        return
        ;;
    '--cacert')
        return
        ;;
    '--color')
        __aish_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __aish_add_completions -W "$(__aish_custom_complete ---completion specialists -- positional@0 "${COMP_CWORD}" "$(__aish_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_aish_discover() {
    repeating_flags=()
    non_repeating_flags=(--mock --mock-rhetor --verbose -v --best --json --refresh --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --transport --token --token-file --cacert --color --capability --min-score --status)
    __aish_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--transport')
        __aish_add_completions -W 'ws'$'\n''sse'$'\n''v1'$'\n''v1-post'
        return
        ;;
    '--token')
        return
        ;;
    '--token-file')
        return
        ;;
    '--cacert')
        return
        ;;
    '--color')
        __aish_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--capability')
        return
        ;;
    '--min-score')
        return
        ;;
    '--status')
        __aish_add_completions -W 'active'$'\n''all'
        return
        ;;
    esac
}

_aish_sessions() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __aish_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|show|export|search|delete|prune|rekey|sync|import)
        # Offer subcommand argument completions
        "_aish_sessions_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list show export search delete prune rekey sync import' -- "${cur}"))
        ;;
    esac
}

_aish_sessions_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --store --limit)
    __aish_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--store')
        return
        ;;
    '--limit')
        return
        ;;
    esac
}

_aish_sessions_show() {
    repeating_flags=()
    non_repeating_flags=(--json --raw --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --store)
    __aish_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __aish_add_completions -W "$(__aish_custom_complete ---completion sessions show -- positional@0 "${COMP_CWORD}" "$(__aish_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_aish_sessions_export() {
    repeating_flags=()
    non_repeating_flags=(--all --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --store --format)
    __aish_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--store')
        return
        ;;
    '--format')
        __aish_add_completions -W 'markdown'$'\n''json'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __aish_add_completions -W "$(__aish_custom_complete ---completion sessions export -- positional@0 "${COMP_CWORD}" "$(__aish_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_aish_sessions_search() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --store)
    __aish_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--store')
        return
        ;;
    esac
}

_aish_sessions_delete() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--db --store)
    __aish_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __aish_add_completions -W "$(__aish_custom_complete ---completion sessions delete -- positional@0 "${COMP_CWORD}" "$(__aish_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_aish_sessions_prune() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--db --store --older-than)
    __aish_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--store')
        return
        ;;
    '--older-than')
        return
        ;;
    esac
}

_aish_sessions_rekey() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--db --store)
    __aish_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--store')
        return
        ;;
    esac
}

_aish_sessions_sync() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--db --store)
    __aish_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--store')
        return
        ;;
    esac
}

_aish_sessions_import() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--db --store)
    __aish_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--store')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __aish_add_completions -o plusdirs -fX '!*.@(json)'
        return
        ;;
    esac
}

_aish_bulk() {
    repeating_flags=()
    non_repeating_flags=(--mock --mock-rhetor --verbose -v --check --local --server --json --jsonl --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --transport --token --token-file --cacert --color --max-parallel --retries --output)
    __aish_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--transport')
        __aish_add_completions -W 'ws'$'\n''sse'$'\n''v1'$'\n''v1-post'
        return
        ;;
    '--token')
        return
        ;;
    '--token-file')
        return
        ;;
    '--cacert')
        return
        ;;
    '--color')
        __aish_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--max-parallel')
        return
        ;;
    '--retries')
        return
        ;;
    '--output')
        return
        ;;
    esac
}

_aish_team() {
    repeating_flags=()
    non_repeating_flags=(--mock --mock-rhetor --verbose -v --json --jsonl --no-save --version -h --help)
    repeating_options=(--to)
    non_repeating_options=(--url --transport --token --token-file --cacert --color --db --store)
    __aish_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--transport')
        __aish_add_completions -W 'ws'$'\n''sse'$'\n''v1'$'\n''v1-post'
        return
        ;;
    '--token')
        return
        ;;
    '--token-file')
        return
        ;;
    '--cacert')
        return
        ;;
    '--color')
        __aish_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--to')
        __aish_add_completions -W "$(__aish_custom_complete ---completion team -- --to "${COMP_CWORD}" "$(__aish_cursor_index_in_current_word)")"
        return
        ;;
    '--db')
        return
        ;;
    '--store')
        return
        ;;
    esac
}

_aish_status() {
    repeating_flags=()
    non_repeating_flags=(--mock --mock-rhetor --verbose -v --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --transport --token --token-file --cacert --color --db --store)
    __aish_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--transport')
        __aish_add_completions -W 'ws'$'\n''sse'$'\n''v1'$'\n''v1-post'
        return
        ;;
    '--token')
        return
        ;;
    '--token-file')
        return
        ;;
    '--cacert')
        return
        ;;
    '--color')
        __aish_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--db')
        return
        ;;
    '--store')
        return
        ;;
    esac
}

_aish_config() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __aish_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    show|edit|path)
        # Offer subcommand argument completions
        "_aish_config_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'show edit path' -- "${cur}"))
        ;;
    esac
}

_aish_config_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __aish_offer_flags_options -1
}

_aish_config_edit() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __aish_offer_flags_options 0
}

_aish_config_path() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __aish_offer_flags_options 0
}

_aish_login() {
    repeating_flags=()
    non_repeating_flags=(--mock --mock-rhetor --verbose -v --no-verify --version -h --help)
    repeating_options=()
    non_repeating_options=(--url --transport --token --token-file --cacert --color)
    __aish_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--transport')
        __aish_add_completions -W 'ws'$'\n''sse'$'\n''v1'$'\n''v1-post'
        return
        ;;
    '--token')
        return
        ;;
    '--token-file')
        return
        ;;
    '--cacert')
        return
        ;;
    '--color')
        __aish_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_aish_logout() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--token-file)
    __aish_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--token-file')
        return
        ;;
    esac
}

_aish_mock() {
    repeating_flags=()
    non_repeating_flags=(--rhetor --openai-only --version -h --help)
    repeating_options=(--token --token-file)
    non_repeating_options=(--host --port --tokens-per-second --first-token-latency --fault --rate-limit --max-streams --ws-messages-per-second --max-message-size --session-ttl --rhetor-pace --tls-cert --tls-key)
    __aish_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--port')
        return
        ;;
    '--tokens-per-second')
        return
        ;;
    '--first-token-latency')
        return
        ;;
    '--fault')
        return
        ;;
    '--token')
        return
        ;;
    '--token-file')
        return
        ;;
    '--rate-limit')
        return
        ;;
    '--max-streams')
        return
        ;;
    '--ws-messages-per-second')
        return
        ;;
    '--max-message-size')
        return
        ;;
    '--session-ttl')
        return
        ;;
    '--rhetor-pace')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    esac
}

_aish_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __aish_offer_flags_options -1
}

complete -o filenames -F _aish aish
