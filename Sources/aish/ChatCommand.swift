import AishKit
import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `aish chat SPECIALIST MESSAGE…`: one message, its reply streamed to standard output.
struct ChatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Send a message to a specialist and stream the reply.",
        discussion: """
            Tokens are written the moment they arrive. When standard output is not a \
            terminal it carries exactly the reply text, byte for byte, with no newline \
            added; on a terminal a final newline is added if the reply lacks one. A \
            reasoning model's thinking (a provider's, such as qwen3 or deepseek-r1) shows \
            before its answer on a terminal's standard error, dimmed, and is never part \
            of the reply; `thinking: hide` in config.yaml (or AISH_THINKING=hide) hides it.

            Which specialist: the first word is the specialist when the server has one by \
            that name or id, or when it is @CAPABILITY; the rest is the message. A single \
            first word within edit distance 1 of a specialist's name or id (2 for words of \
            6 letters or more), with more text after it, is taken as a misspelling: aish \
            says "did you mean" and sends nothing. Otherwise the whole line is the message, \
            for the default specialist: with -c, the continued session's; else `specialist` \
            in config.yaml or AISH_SPECIALIST; else apollo when healthy, else the first \
            healthy specialist the server lists (the one the shell starts with). Quote the \
            whole message as one argument to send it as text whatever its first word (even a dash, \
            as in "- list the steps"). \
            `-c SPECIALIST ...` continues the most recent session with that specialist. On a \
            terminal a specialist's name alone opens the shell with it (aish alone: with the \
            default); any other single word is a prompt, and a misspelt name alone is the \
            did-you-mean error.
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @OptionGroup(title: "Sessions") var conversation: ConversationOptions

    @Argument(
        help: """
            The specialist: a bare name (apollo), a server id (apollo-ci), or @CAPABILITY (@debugging) \
            for the best specialist for it (see `aish discover`). Optional: see "Which specialist" below.
            """,
        completion: .specialists)
    var specialist: String?

    @Argument(help: "The message. Piped standard input is appended after a blank line.")
    var message: [String] = []

    @Flag(
        help: "Print one JSON object at the end (specialist, content, tokens, transport, timings) instead of the text.")
    var json = false

    @Option(
        parsing: .unconditional, help: ArgumentHelp("Ask for at most this many tokens (v2 servers).", valueName: "n"))
    var maxTokens: Int?

    @Option(
        parsing: .unconditional, help: ArgumentHelp("Sampling temperature, from 0 to 2 (v2 servers).", valueName: "t"))
    var temperature: Double?

    @Option(
        help: ArgumentHelp(
            "A system message for the models of OpenAI-compatible providers (Tekton's specialists have their own).",
            valueName: "text"))
    var system: String?

    @Flag(help: "The reply's text as it came, even on a terminal: no Markdown layout, no colours (as TERM=dumb).")
    var raw = false

    /// Whether replies on this terminal get Markdown styling.
    func stylesReplies(_ settings: AishSettings) -> Bool {
        !raw && !json && settings.wantsColor(.process)
    }

    /// How replies on a terminal are drawn: Markdown laid out (bullets, indentation,
    /// wrapping at words) unless `--raw`, `--json` or `TERM=dumb`; in colour unless
    /// `NO_COLOR` or `color: never`, which keep the layout (``Theme/plain``). Nil
    /// writes the text as it came.
    func replyTheme(_ settings: AishSettings) -> Theme? {
        guard !raw, !json, Platform.process.environment["TERM"] != "dumb" else { return nil }
        return Theme.forTerminal(colors: stylesReplies(settings), environment: Platform.process.environment)
    }

    func validate() throws {
        if let maxTokens, maxTokens <= 0 {
            throw ValidationError("--max-tokens must be a positive whole number, not \(maxTokens).")
        }
        if let temperature, !(0...2).contains(temperature) {
            throw ValidationError("--temperature must be between 0 and 2, not \(temperature).")
        }
    }

    func run() async throws {
        signal(SIGPIPE, SIG_IGN)
        let shell = message.isEmpty && InteractiveShell.isPossible && (specialist.map(ChatWords.mayName) ?? true)
        ProcessInterrupts.install(whenNobodyWaits: shell ? .ignore : .exit)
        defer { ProcessInterrupts.restoreDefault() }
        do {
            try await send()
        } catch {
            throw ErrorReporter.report(error, json: json)
        }
    }

    private func send() async throws {
        let settings = connection.applied(to: try await Settings.current())
        let choice = conversation.choice
        let options = conversation
        let warn = { @Sendable (text: String) -> Void in
            _ = try? FileDescriptorSink.standardError.write("aish: warning: \(text)\n")
        }
        // A quoted prompt alone (`aish "what is a graph"`) is a one-shot chat, not a shell;
        // so is one word that names no specialist (`aish hello`).
        if message.isEmpty, InteractiveShell.isPossible, specialist.map(ChatWords.mayName) ?? true {
            let shell = InteractiveShell(
                specialist: specialist,
                forcedTransport: connection.forcedTransport(settings),
                colors: stylesReplies(settings), replyTheme: replyTheme(settings),
                discoveryCache: connection.discoveryCache,
                historySize: settings.historySize,
                keepsHistory: conversation.saves(settings), system: system,
                showsThinking: settings.showsThinking != false)
            let word = specialist
            let ran = try await connection.withServer { client in
                if let word, !word.hasPrefix("@") {
                    // A misspelt name alone is still the did-you-mean error, as with text after it.
                    let split = try ChatWords.split(
                        [word], roster: try await client.specialists(), providers: client.providerNames, moreText: true)
                    guard split.specialist != nil else { return false }
                }
                var shell = shell
                let opened = try await options.open(settings, warn: warn)
                shell.specialist = shell.specialist ?? opened.specialist ?? settings.specialist
                try await shell.run(client: client, conversation: opened)
                return true
            }
            if ran {
                // SIGTERM or SIGHUP stopped a reply: it is saved, and the process ends as the signal asked.
                if let status = ProcessInterrupts.signal.termination { throw ExitCode(status) }
                return
            }
            ProcessInterrupts.install(whenNobodyWaits: .exit)
        }
        let piped = try StandardInput.readIfPiped()
        if message.isEmpty, piped == nil || piped?.isEmpty == true, let specialist,
            let command = Aish.configuration.subcommands.first(where: { $0._commandName == specialist })
        {
            // `aish --url X specialists` reads as a chat with "specialists"; say how to write it.
            throw AishError.invalidArgument(
                name: "specialist",
                value: specialist,
                hint: "that is a command; put its options after it: aish \(command._commandName) --url …"
            )
        }
        let words = (specialist.map { [$0] } ?? []) + message
        let command = self
        // The reply is wrapped to the terminal's width as it is when each chunk arrives.
        let (columns, resizes) = TerminalSize.following()
        defer { resizes.cancel() }
        // One chat, then the process ends: its store needs one connection, not a pool.
        let opener = ConversationOpener(for: choice) { choice in
            try await options.open(choice, settings, connections: .single, warn: warn)
        }
        let status: Int32
        do {
            status = try await connection.withServer { client in
                try await command.oneShot(client, settings, columns: columns).run(
                    words: words, standardInput: piped, defaultSpecialist: settings.specialist, choice: choice,
                    opener: opener)
            }
        } catch {
            await opener.settle()
            throw error
        }
        if status != 0 { throw ExitCode(ProcessInterrupts.status(status)) }
    }

    /// The one-shot chat these options describe, with `client`.
    private func oneShot(_ client: any DiscoveryServer, _ settings: AishSettings, columns: TerminalColumns)
        -> OneShotChat
    {
        var chat = OneShotChat(
            server: client, discoveryCache: connection.discoveryCache, output: FileDescriptorSink.standardOutput,
            status: WordWrappingSink(FileDescriptorSink.standardError, columns: columns),
            interrupts: ProcessInterrupts.signal)
        chat.forcedTransport = connection.forcedTransport(settings)
        chat.temperature = temperature
        chat.maxTokens = maxTokens
        chat.system = system
        chat.json = json
        chat.verbose = connection.verbose
        if settings.showsThinking != false {
            chat.thinking = ThinkingDisplay(dims: stylesReplies(settings), columns: columns)
        }
        chat.renderer = replyTheme(settings).map { MarkdownStreamRenderer(columns: columns, theme: $0) }
        return chat
    }
}
