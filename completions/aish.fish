function __aish_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __aish_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __aish_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __aish_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __aish_parse_tokens -S
    set -l unparsed_tokens (__aish_tokens -pc)
    switch $unparsed_tokens[1]
    case 'aish'
        __aish_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'chat'
            __aish_parse_subcommand -r 2 'url=' 'mock' 'mock-rhetor' 'transport=' 'token=' 'token-file=' 'cacert=' 'v/verbose' 'color=' 'c/continue' 'session=' 'no-save' 'db=' 'store=' 'json' 'max-tokens=' 'temperature=' 'system=' 'raw' 'version' 'h/help'
        case 'specialists'
            __aish_parse_subcommand -r 1 'url=' 'mock' 'mock-rhetor' 'transport=' 'token=' 'token-file=' 'cacert=' 'v/verbose' 'color=' 'json' 'version' 'h/help'
        case 'discover'
            __aish_parse_subcommand 0 'url=' 'mock' 'mock-rhetor' 'transport=' 'token=' 'token-file=' 'cacert=' 'v/verbose' 'color=' 'capability=' 'min-score=' 'status=' 'best' 'json' 'refresh' 'version' 'h/help'
        case 'sessions'
            __aish_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'list'
                __aish_parse_subcommand 0 'db=' 'store=' 'json' 'limit=' 'version' 'h/help'
            case 'show'
                __aish_parse_subcommand 1 'db=' 'store=' 'json' 'raw' 'version' 'h/help'
            case 'export'
                __aish_parse_subcommand 1 'db=' 'store=' 'all' 'format=' 'version' 'h/help'
            case 'search'
                __aish_parse_subcommand 1 'db=' 'store=' 'json' 'version' 'h/help'
            case 'delete'
                __aish_parse_subcommand -r 1 'db=' 'store=' 'version' 'h/help'
            case 'prune'
                __aish_parse_subcommand 0 'db=' 'store=' 'older-than=' 'version' 'h/help'
            case 'rekey'
                __aish_parse_subcommand 0 'db=' 'store=' 'version' 'h/help'
            case 'sync'
                __aish_parse_subcommand 0 'db=' 'store=' 'version' 'h/help'
            case 'import'
                __aish_parse_subcommand 1 'db=' 'store=' 'version' 'h/help'
            end
        case 'bulk'
            __aish_parse_subcommand -r 2 'url=' 'mock' 'mock-rhetor' 'transport=' 'token=' 'token-file=' 'cacert=' 'v/verbose' 'color=' 'check' 'local' 'server' 'max-parallel=' 'retries=' 'json' 'jsonl' 'output=' 'version' 'h/help'
        case 'team'
            __aish_parse_subcommand -r 1 'url=' 'mock' 'mock-rhetor' 'transport=' 'token=' 'token-file=' 'cacert=' 'v/verbose' 'color=' 'to=+' 'json' 'jsonl' 'no-save' 'db=' 'store=' 'version' 'h/help'
        case 'status'
            __aish_parse_subcommand 0 'url=' 'mock' 'mock-rhetor' 'transport=' 'token=' 'token-file=' 'cacert=' 'v/verbose' 'color=' 'db=' 'store=' 'json' 'version' 'h/help'
        case 'config'
            __aish_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'show'
                __aish_parse_subcommand -r 1 'json' 'version' 'h/help'
            case 'edit'
                __aish_parse_subcommand 0 'version' 'h/help'
            case 'path'
                __aish_parse_subcommand 0 'version' 'h/help'
            end
        case 'login'
            __aish_parse_subcommand 0 'url=' 'mock' 'mock-rhetor' 'transport=' 'token=' 'token-file=' 'cacert=' 'v/verbose' 'color=' 'no-verify' 'version' 'h/help'
        case 'logout'
            __aish_parse_subcommand 0 'token-file=' 'version' 'h/help'
        case 'mock'
            __aish_parse_subcommand 0 'host=' 'port=' 'tokens-per-second=' 'first-token-latency=' 'fault=' 'token=+' 'token-file=+' 'rate-limit=' 'max-streams=' 'ws-messages-per-second=' 'max-message-size=' 'session-ttl=' 'rhetor' 'openai-only' 'rhetor-pace=' 'tls-cert=' 'tls-key=' 'version' 'h/help'
        case 'help'
            __aish_parse_subcommand -r 1 'version'
        end
    end
end

function __aish_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __aish_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __aish_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __aish_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__aish_tokens -p)
    if test -z "$(__aish_tokens -t)"
        set -l index (count (__aish_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'aish' -f
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish" version' -l 'version' -d 'Show the version.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aish' -n '__aish_should_offer_completions_for_positional "aish" -eq 1' -fa 'chat' -d 'Send a message to a specialist and stream the reply.'
complete -c 'aish' -n '__aish_should_offer_completions_for_positional "aish" -eq 1' -fa 'specialists' -d 'List the specialists the server knows, with status and capabilities.'
complete -c 'aish' -n '__aish_should_offer_completions_for_positional "aish" -eq 1' -fa 'discover' -d 'Find the specialists able to do a job, ranked by capability score and performance.'
complete -c 'aish' -n '__aish_should_offer_completions_for_positional "aish" -eq 1' -fa 'sessions' -d 'List, show, search, export, delete and prune saved conversations.'
complete -c 'aish' -n '__aish_should_offer_completions_for_positional "aish" -eq 1' -fa 'bulk' -d 'Run a plan: many messages to specialists, some waiting for others\' answers.'
complete -c 'aish' -n '__aish_should_offer_completions_for_positional "aish" -eq 1' -fa 'team' -d 'Ask every healthy specialist at once (Tekton\'s team chat) and show each answer as it arrives.'
complete -c 'aish' -n '__aish_should_offer_completions_for_positional "aish" -eq 1' -fa 'status' -d 'Check the server and show how aish would talk to it.'
complete -c 'aish' -n '__aish_should_offer_completions_for_positional "aish" -eq 1' -fa 'config' -d 'Show the settings in effect, edit the configuration file, or print where it is.'
complete -c 'aish' -n '__aish_should_offer_completions_for_positional "aish" -eq 1' -fa 'login' -d 'Save a bearer token for the server in the token file (mode 0600).'
complete -c 'aish' -n '__aish_should_offer_completions_for_positional "aish" -eq 1' -fa 'logout' -d 'Delete the saved token file.'
complete -c 'aish' -n '__aish_should_offer_completions_for_positional "aish" -eq 1' -fa 'mock' -d 'Run the built-in mock Tekton server until interrupted.'
complete -c 'aish' -n '__aish_should_offer_completions_for_positional "aish" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish chat" url' -l 'url' -d 'The Tekton server\'s base URL (or AISH_URL, or url in config.yaml).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish chat" mock' -l 'mock' -d 'Start the built-in mock server in-process and talk to it.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish chat" mock-rhetor' -l 'mock-rhetor' -d 'Start the built-in mock of Tekton\'s Rhetor v1, as it runs today, in-process and talk to it.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish chat" transport' -l 'transport' -d 'Force a transport: ws (WebSocket), sse (v2 SSE), v1 (v1 SSE), v1-post.' -rfka 'ws sse v1 v1-post'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish chat" token' -l 'token' -d 'A bearer token for the server; other users can see it in ps, so prefer AISH_TOKEN, --token-file or `aish login`.' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish chat" token-file' -l 'token-file' -d 'The token file (or AISH_TOKEN_FILE; default ~/.config/aish/token, which must be 0600).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish chat" cacert' -l 'cacert' -d 'A PEM file of the certificate authority that signed an https server\'s certificate (or AISH_CACERT).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish chat" v verbose' -l 'verbose' -s 'v' -d 'Say which transport is used and why, and print timings, on standard error.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish chat" color' -l 'color' -d 'Colour: auto (on a terminal, unless NO_COLOR or TERM=dumb), always or never (or AISH_COLOR).' -rfka 'auto always never'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish chat" c continue' -s 'c' -l 'continue' -d 'Continue the most recent session.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish chat" session' -l 'session' -d 'Continue the session with this id (a unique prefix will do).' -rfka '(__aish_custom_completion ---completion chat -- --session (count (__aish_tokens -pc)) (__aish_tokens -tC))'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish chat" no-save' -l 'no-save' -d 'Save nothing of this chat (or session.save: false, AISH_NO_SAVE=1). With -c or --session the earlier turns are still sent, and the new ones are not added.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish chat" db' -l 'db' -d 'The session database (or AISH_DB; default $XDG_DATA_HOME/aish/sessions.sqlite).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish chat" store' -l 'store' -d 'Where sessions are kept: sqlite (the default: the --db file) or a postgres://USER@HOST:PORT/DATABASE URL (or AISH_SESSION_STORE; session.store in config.yaml).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_positional "aish chat" -eq 1' -fka '(__aish_custom_completion ---completion chat -- positional@0 (count (__aish_tokens -pc)) (__aish_tokens -tC))'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish chat" json' -l 'json' -d 'Print one JSON object at the end (specialist, content, tokens, transport, timings) instead of the text.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish chat" max-tokens' -l 'max-tokens' -d 'Ask for at most this many tokens (v2 servers).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish chat" temperature' -l 'temperature' -d 'Sampling temperature, from 0 to 2 (v2 servers).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish chat" system' -l 'system' -d 'A system message for the models of OpenAI-compatible providers (Tekton\'s specialists have their own).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish chat" raw' -l 'raw' -d 'The reply\'s text as it came, even on a terminal: no Markdown layout, no colours (as TERM=dumb).'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish chat" version' -l 'version' -d 'Show the version.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish chat" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish specialists" url' -l 'url' -d 'The Tekton server\'s base URL (or AISH_URL, or url in config.yaml).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish specialists" mock' -l 'mock' -d 'Start the built-in mock server in-process and talk to it.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish specialists" mock-rhetor' -l 'mock-rhetor' -d 'Start the built-in mock of Tekton\'s Rhetor v1, as it runs today, in-process and talk to it.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish specialists" transport' -l 'transport' -d 'Force a transport: ws (WebSocket), sse (v2 SSE), v1 (v1 SSE), v1-post.' -rfka 'ws sse v1 v1-post'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish specialists" token' -l 'token' -d 'A bearer token for the server; other users can see it in ps, so prefer AISH_TOKEN, --token-file or `aish login`.' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish specialists" token-file' -l 'token-file' -d 'The token file (or AISH_TOKEN_FILE; default ~/.config/aish/token, which must be 0600).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish specialists" cacert' -l 'cacert' -d 'A PEM file of the certificate authority that signed an https server\'s certificate (or AISH_CACERT).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish specialists" v verbose' -l 'verbose' -s 'v' -d 'Say which transport is used and why, and print timings, on standard error.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish specialists" color' -l 'color' -d 'Colour: auto (on a terminal, unless NO_COLOR or TERM=dumb), always or never (or AISH_COLOR).' -rfka 'auto always never'
complete -c 'aish' -n '__aish_should_offer_completions_for_positional "aish specialists" -ge 1' -fka '(__aish_custom_completion ---completion specialists -- positional@0 (count (__aish_tokens -pc)) (__aish_tokens -tC))'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish specialists" json' -l 'json' -d 'Print JSON (an array of specialists) instead of a table.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish specialists" version' -l 'version' -d 'Show the version.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish specialists" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish discover" url' -l 'url' -d 'The Tekton server\'s base URL (or AISH_URL, or url in config.yaml).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish discover" mock' -l 'mock' -d 'Start the built-in mock server in-process and talk to it.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish discover" mock-rhetor' -l 'mock-rhetor' -d 'Start the built-in mock of Tekton\'s Rhetor v1, as it runs today, in-process and talk to it.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish discover" transport' -l 'transport' -d 'Force a transport: ws (WebSocket), sse (v2 SSE), v1 (v1 SSE), v1-post.' -rfka 'ws sse v1 v1-post'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish discover" token' -l 'token' -d 'A bearer token for the server; other users can see it in ps, so prefer AISH_TOKEN, --token-file or `aish login`.' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish discover" token-file' -l 'token-file' -d 'The token file (or AISH_TOKEN_FILE; default ~/.config/aish/token, which must be 0600).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish discover" cacert' -l 'cacert' -d 'A PEM file of the certificate authority that signed an https server\'s certificate (or AISH_CACERT).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish discover" v verbose' -l 'verbose' -s 'v' -d 'Say which transport is used and why, and print timings, on standard error.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish discover" color' -l 'color' -d 'Colour: auto (on a terminal, unless NO_COLOR or TERM=dumb), always or never (or AISH_COLOR).' -rfka 'auto always never'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish discover" capability' -l 'capability' -d 'Only specialists with this capability (code-analysis, debugging, and so on).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish discover" min-score' -l 'min-score' -d 'Only scores of at least this (0 to 1).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish discover" status' -l 'status' -d 'Which specialists to list: active (default) or all.' -rfka 'active all'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish discover" best' -l 'best' -d 'Print the best active specialist for --capability and the runners-up.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish discover" json' -l 'json' -d 'Print JSON (the default when standard output is not a terminal).'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish discover" refresh' -l 'refresh' -d 'Ask the server even when a cached answer is fresh.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish discover" version' -l 'version' -d 'Show the version.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish discover" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions" version' -l 'version' -d 'Show the version.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aish' -n '__aish_should_offer_completions_for_positional "aish sessions" -eq 1' -fa 'list' -d 'List sessions, most recently used first (the default).'
complete -c 'aish' -n '__aish_should_offer_completions_for_positional "aish sessions" -eq 1' -fa 'show' -d 'Show a session\'s messages (a unique id prefix will do; without one, the latest session).'
complete -c 'aish' -n '__aish_should_offer_completions_for_positional "aish sessions" -eq 1' -fa 'export' -d 'Write a session out as Markdown or JSON, on standard output.'
complete -c 'aish' -n '__aish_should_offer_completions_for_positional "aish sessions" -eq 1' -fa 'search' -d 'Find sessions whose title or messages contain TEXT (ignoring case).'
complete -c 'aish' -n '__aish_should_offer_completions_for_positional "aish sessions" -eq 1' -fa 'delete' -d 'Delete sessions and their messages.'
complete -c 'aish' -n '__aish_should_offer_completions_for_positional "aish sessions" -eq 1' -fa 'prune' -d 'Delete sessions not used for a while.'
complete -c 'aish' -n '__aish_should_offer_completions_for_positional "aish sessions" -eq 1' -fa 'rekey' -d 'Re-encrypt every session under a new key, in one transaction.'
complete -c 'aish' -n '__aish_should_offer_completions_for_positional "aish sessions" -eq 1' -fa 'sync' -d 'Send the conversations kept on this machine while the PostgreSQL store was away.'
complete -c 'aish' -n '__aish_should_offer_completions_for_positional "aish sessions" -eq 1' -fa 'import' -d 'Add the sessions of an export (one session\'s JSON, or export --all) to the store.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions list" db' -l 'db' -d 'The session database (or AISH_DB; default $XDG_DATA_HOME/aish/sessions.sqlite).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions list" store' -l 'store' -d 'Where sessions are kept: sqlite (the default: the --db file) or a postgres://USER@HOST:PORT/DATABASE URL (or AISH_SESSION_STORE; session.store in config.yaml).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions list" json' -l 'json' -d 'Print a JSON array of sessions instead of a table.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions list" limit' -l 'limit' -d 'Show at most this many sessions.' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions list" version' -l 'version' -d 'Show the version.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions show" db' -l 'db' -d 'The session database (or AISH_DB; default $XDG_DATA_HOME/aish/sessions.sqlite).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions show" store' -l 'store' -d 'Where sessions are kept: sqlite (the default: the --db file) or a postgres://USER@HOST:PORT/DATABASE URL (or AISH_SESSION_STORE; session.store in config.yaml).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_positional "aish sessions show" -eq 1' -fka '(__aish_custom_completion ---completion sessions show -- positional@0 (count (__aish_tokens -pc)) (__aish_tokens -tC))'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions show" json' -l 'json' -d 'Print the session and its messages as JSON.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions show" raw' -l 'raw' -d 'The Markdown as it is stored, even on a terminal (piped, it always is).'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions show" version' -l 'version' -d 'Show the version.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions export" db' -l 'db' -d 'The session database (or AISH_DB; default $XDG_DATA_HOME/aish/sessions.sqlite).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions export" store' -l 'store' -d 'Where sessions are kept: sqlite (the default: the --db file) or a postgres://USER@HOST:PORT/DATABASE URL (or AISH_SESSION_STORE; session.store in config.yaml).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_positional "aish sessions export" -eq 1' -fka '(__aish_custom_completion ---completion sessions export -- positional@0 (count (__aish_tokens -pc)) (__aish_tokens -tC))'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions export" all' -l 'all' -d 'Write every session, with its messages, as one JSON array (what `aish sessions import` reads).'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions export" format' -l 'format' -d 'markdown or json (--all writes json).' -rfka 'markdown json'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions export" version' -l 'version' -d 'Show the version.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions export" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions search" db' -l 'db' -d 'The session database (or AISH_DB; default $XDG_DATA_HOME/aish/sessions.sqlite).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions search" store' -l 'store' -d 'Where sessions are kept: sqlite (the default: the --db file) or a postgres://USER@HOST:PORT/DATABASE URL (or AISH_SESSION_STORE; session.store in config.yaml).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions search" json' -l 'json' -d 'Print the matching sessions, each with its matching messages, as JSON.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions search" version' -l 'version' -d 'Show the version.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions search" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions delete" db' -l 'db' -d 'The session database (or AISH_DB; default $XDG_DATA_HOME/aish/sessions.sqlite).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions delete" store' -l 'store' -d 'Where sessions are kept: sqlite (the default: the --db file) or a postgres://USER@HOST:PORT/DATABASE URL (or AISH_SESSION_STORE; session.store in config.yaml).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_positional "aish sessions delete" -ge 1' -fka '(__aish_custom_completion ---completion sessions delete -- positional@0 (count (__aish_tokens -pc)) (__aish_tokens -tC))'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions delete" version' -l 'version' -d 'Show the version.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions delete" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions prune" db' -l 'db' -d 'The session database (or AISH_DB; default $XDG_DATA_HOME/aish/sessions.sqlite).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions prune" store' -l 'store' -d 'Where sessions are kept: sqlite (the default: the --db file) or a postgres://USER@HOST:PORT/DATABASE URL (or AISH_SESSION_STORE; session.store in config.yaml).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions prune" older-than' -l 'older-than' -d 'Delete sessions idle for longer than this: 30d, 12h, 90m, 2w.' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions prune" version' -l 'version' -d 'Show the version.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions prune" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions rekey" db' -l 'db' -d 'The session database (or AISH_DB; default $XDG_DATA_HOME/aish/sessions.sqlite).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions rekey" store' -l 'store' -d 'Where sessions are kept: sqlite (the default: the --db file) or a postgres://USER@HOST:PORT/DATABASE URL (or AISH_SESSION_STORE; session.store in config.yaml).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions rekey" version' -l 'version' -d 'Show the version.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions rekey" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions sync" db' -l 'db' -d 'The session database (or AISH_DB; default $XDG_DATA_HOME/aish/sessions.sqlite).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions sync" store' -l 'store' -d 'Where sessions are kept: sqlite (the default: the --db file) or a postgres://USER@HOST:PORT/DATABASE URL (or AISH_SESSION_STORE; session.store in config.yaml).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions sync" version' -l 'version' -d 'Show the version.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions sync" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions import" db' -l 'db' -d 'The session database (or AISH_DB; default $XDG_DATA_HOME/aish/sessions.sqlite).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions import" store' -l 'store' -d 'Where sessions are kept: sqlite (the default: the --db file) or a postgres://USER@HOST:PORT/DATABASE URL (or AISH_SESSION_STORE; session.store in config.yaml).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_positional "aish sessions import" -eq 1' -fa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'json\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions import" version' -l 'version' -d 'Show the version.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish sessions import" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish bulk" url' -l 'url' -d 'The Tekton server\'s base URL (or AISH_URL, or url in config.yaml).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish bulk" mock' -l 'mock' -d 'Start the built-in mock server in-process and talk to it.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish bulk" mock-rhetor' -l 'mock-rhetor' -d 'Start the built-in mock of Tekton\'s Rhetor v1, as it runs today, in-process and talk to it.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish bulk" transport' -l 'transport' -d 'Force a transport: ws (WebSocket), sse (v2 SSE), v1 (v1 SSE), v1-post.' -rfka 'ws sse v1 v1-post'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish bulk" token' -l 'token' -d 'A bearer token for the server; other users can see it in ps, so prefer AISH_TOKEN, --token-file or `aish login`.' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish bulk" token-file' -l 'token-file' -d 'The token file (or AISH_TOKEN_FILE; default ~/.config/aish/token, which must be 0600).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish bulk" cacert' -l 'cacert' -d 'A PEM file of the certificate authority that signed an https server\'s certificate (or AISH_CACERT).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish bulk" v verbose' -l 'verbose' -s 'v' -d 'Say which transport is used and why, and print timings, on standard error.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish bulk" color' -l 'color' -d 'Colour: auto (on a terminal, unless NO_COLOR or TERM=dumb), always or never (or AISH_COLOR).' -rfka 'auto always never'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish bulk" check' -l 'check' -d 'Check the plan (syntax, fields, graph, and its specialists against the server) without running it.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish bulk" local' -l 'local' -d 'Run the plan here, streaming each operation (the default).'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish bulk" server' -l 'server' -d 'Send the plan to the server (POST /api/v2/bulk); needs a server that offers bulk_operations.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish bulk" max-parallel' -l 'max-parallel' -d 'Run at most this many operations at once (parallel plans).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish bulk" retries' -l 'retries' -d 'Retry a transient failure (429, 503, lost connection) this many times.' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish bulk" json' -l 'json' -d 'Print the result JSON even on a terminal.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish bulk" jsonl' -l 'jsonl' -d 'Print one JSON event per line as operations start, retry and end, then a summary line.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish bulk" output' -l 'output' -d 'Write each successful response to DIR/<id>.md as soon as it is done.' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish bulk" version' -l 'version' -d 'Show the version.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish bulk" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish team" url' -l 'url' -d 'The Tekton server\'s base URL (or AISH_URL, or url in config.yaml).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish team" mock' -l 'mock' -d 'Start the built-in mock server in-process and talk to it.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish team" mock-rhetor' -l 'mock-rhetor' -d 'Start the built-in mock of Tekton\'s Rhetor v1, as it runs today, in-process and talk to it.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish team" transport' -l 'transport' -d 'Force a transport: ws (WebSocket), sse (v2 SSE), v1 (v1 SSE), v1-post.' -rfka 'ws sse v1 v1-post'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish team" token' -l 'token' -d 'A bearer token for the server; other users can see it in ps, so prefer AISH_TOKEN, --token-file or `aish login`.' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish team" token-file' -l 'token-file' -d 'The token file (or AISH_TOKEN_FILE; default ~/.config/aish/token, which must be 0600).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish team" cacert' -l 'cacert' -d 'A PEM file of the certificate authority that signed an https server\'s certificate (or AISH_CACERT).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish team" v verbose' -l 'verbose' -s 'v' -d 'Say which transport is used and why, and print timings, on standard error.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish team" color' -l 'color' -d 'Colour: auto (on a terminal, unless NO_COLOR or TERM=dumb), always or never (or AISH_COLOR).' -rfka 'auto always never'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish team"' -l 'to' -d 'Ask only these specialists: names or ids, separated by commas (repeatable).' -rfka '(__aish_custom_completion ---completion team -- --to (count (__aish_tokens -pc)) (__aish_tokens -tC))'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish team" json' -l 'json' -d 'Print one JSON object at the end (the result of `aish bulk`, one operation per specialist).'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish team" jsonl' -l 'jsonl' -d 'Print one JSON object per line as the chat goes (started, finished), then a summary.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish team" no-save' -l 'no-save' -d 'Save nothing of this team chat (or session.save: false, AISH_NO_SAVE=1).'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish team" db' -l 'db' -d 'The session database (or AISH_DB; default $XDG_DATA_HOME/aish/sessions.sqlite).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish team" store' -l 'store' -d 'Where sessions are kept: sqlite (the default: the --db file) or a postgres://USER@HOST:PORT/DATABASE URL (or AISH_SESSION_STORE; session.store in config.yaml).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish team" version' -l 'version' -d 'Show the version.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish team" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish status" url' -l 'url' -d 'The Tekton server\'s base URL (or AISH_URL, or url in config.yaml).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish status" mock' -l 'mock' -d 'Start the built-in mock server in-process and talk to it.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish status" mock-rhetor' -l 'mock-rhetor' -d 'Start the built-in mock of Tekton\'s Rhetor v1, as it runs today, in-process and talk to it.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish status" transport' -l 'transport' -d 'Force a transport: ws (WebSocket), sse (v2 SSE), v1 (v1 SSE), v1-post.' -rfka 'ws sse v1 v1-post'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish status" token' -l 'token' -d 'A bearer token for the server; other users can see it in ps, so prefer AISH_TOKEN, --token-file or `aish login`.' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish status" token-file' -l 'token-file' -d 'The token file (or AISH_TOKEN_FILE; default ~/.config/aish/token, which must be 0600).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish status" cacert' -l 'cacert' -d 'A PEM file of the certificate authority that signed an https server\'s certificate (or AISH_CACERT).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish status" v verbose' -l 'verbose' -s 'v' -d 'Say which transport is used and why, and print timings, on standard error.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish status" color' -l 'color' -d 'Colour: auto (on a terminal, unless NO_COLOR or TERM=dumb), always or never (or AISH_COLOR).' -rfka 'auto always never'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish status" db' -l 'db' -d 'The session database (or AISH_DB; default $XDG_DATA_HOME/aish/sessions.sqlite).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish status" store' -l 'store' -d 'Where sessions are kept: sqlite (the default: the --db file) or a postgres://USER@HOST:PORT/DATABASE URL (or AISH_SESSION_STORE; session.store in config.yaml).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish status" json' -l 'json' -d 'Print JSON instead of a table.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish status" version' -l 'version' -d 'Show the version.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish config" version' -l 'version' -d 'Show the version.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish config" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aish' -n '__aish_should_offer_completions_for_positional "aish config" -eq 1' -fa 'show' -d 'Show every setting in effect and where it comes from (the token redacted).'
complete -c 'aish' -n '__aish_should_offer_completions_for_positional "aish config" -eq 1' -fa 'edit' -d 'Open the configuration file in $VISUAL or $EDITOR, and check it when the editor is done.'
complete -c 'aish' -n '__aish_should_offer_completions_for_positional "aish config" -eq 1' -fa 'path' -d 'Print the path of the configuration file (it need not exist).'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish config show" json' -l 'json' -d 'Print JSON instead of a table.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish config show" version' -l 'version' -d 'Show the version.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish config show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish config edit" version' -l 'version' -d 'Show the version.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish config edit" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish config path" version' -l 'version' -d 'Show the version.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish config path" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish login" url' -l 'url' -d 'The Tekton server\'s base URL (or AISH_URL, or url in config.yaml).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish login" mock' -l 'mock' -d 'Start the built-in mock server in-process and talk to it.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish login" mock-rhetor' -l 'mock-rhetor' -d 'Start the built-in mock of Tekton\'s Rhetor v1, as it runs today, in-process and talk to it.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish login" transport' -l 'transport' -d 'Force a transport: ws (WebSocket), sse (v2 SSE), v1 (v1 SSE), v1-post.' -rfka 'ws sse v1 v1-post'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish login" token' -l 'token' -d 'A bearer token for the server; other users can see it in ps, so prefer AISH_TOKEN, --token-file or `aish login`.' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish login" token-file' -l 'token-file' -d 'The token file (or AISH_TOKEN_FILE; default ~/.config/aish/token, which must be 0600).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish login" cacert' -l 'cacert' -d 'A PEM file of the certificate authority that signed an https server\'s certificate (or AISH_CACERT).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish login" v verbose' -l 'verbose' -s 'v' -d 'Say which transport is used and why, and print timings, on standard error.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish login" color' -l 'color' -d 'Colour: auto (on a terminal, unless NO_COLOR or TERM=dumb), always or never (or AISH_COLOR).' -rfka 'auto always never'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish login" no-verify' -l 'no-verify' -d 'Save the token without trying it on the server first.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish login" version' -l 'version' -d 'Show the version.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish login" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish logout" token-file' -l 'token-file' -d 'The token file (or AISH_TOKEN_FILE; default ~/.config/aish/token).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish logout" version' -l 'version' -d 'Show the version.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish logout" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish mock" host' -l 'host' -d 'The address to listen on.' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish mock" port' -l 'port' -d 'The port to listen on (0 lets the system choose).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish mock" tokens-per-second' -l 'tokens-per-second' -d 'Pace of replies; 0 sends as fast as possible.' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish mock" first-token-latency' -l 'first-token-latency' -d 'Seconds before the first token, e.g. 0.25.' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish mock" fault' -l 'fault' -d 'Faults to inject into every streamed reply.' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish mock"' -l 'token' -d 'A bearer token the server accepts (repeatable; other users can see it in ps, so prefer --token-file); without one, no auth.' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish mock"' -l 'token-file' -d 'A 0600 file holding a bearer token the server accepts (repeatable).' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish mock" rate-limit' -l 'rate-limit' -d 'Requests per client and period, such as 60/m or 5/2s.' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish mock" max-streams' -l 'max-streams' -d 'Streams one client may have at once.' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish mock" ws-messages-per-second' -l 'ws-messages-per-second' -d 'WebSocket messages per second, per connection.' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish mock" max-message-size' -l 'max-message-size' -d 'The largest message accepted, in bytes.' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish mock" session-ttl' -l 'session-ttl' -d 'Seconds a server-side session lives without activity.' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish mock" rhetor' -l 'rhetor' -d 'Answer as Tekton\'s Rhetor does today: v1 routes only, -ci ids, simulated streaming.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish mock" openai-only' -l 'openai-only' -d 'Answer as an OpenAI-compatible server alone (as Ollama does): /v1/models and /v1/chat/completions.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish mock" rhetor-pace' -l 'rhetor-pace' -d 'With --rhetor: milliseconds between 50-character chunks.' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish mock" tls-cert' -l 'tls-cert' -d 'A PEM certificate chain: serve https and wss.' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish mock" tls-key' -l 'tls-key' -d 'The PEM private key of --tls-cert.' -rfka ''
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish mock" version' -l 'version' -d 'Show the version.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish mock" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'aish' -n '__aish_should_offer_completions_for_flags_or_options "aish help" version' -l 'version' -d 'Show the version.'
