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
            added; on a terminal a final newline is added if the reply lacks one.
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @OptionGroup(title: "Sessions") var conversation: ConversationOptions

    @Argument(
        help: """
            The specialist: a bare name (apollo), a server id (apollo-ci), or @CAPABILITY (@debugging) \
            for the best specialist for it (see `aish discover`).
            """,
        completion: .specialists)
    var specialist: String?

    @Argument(help: "The message. Piped standard input is appended after a blank line.")
    var message: [String] = []

    @Flag(
        help: "Print one JSON object at the end (specialist, content, tokens, transport, timings) instead of the text.")
    var json = false

    @Option(help: ArgumentHelp("Ask for at most this many tokens (v2 servers).", valueName: "n"))
    var maxTokens: Int?

    @Option(help: ArgumentHelp("Sampling temperature, 0–2 (v2 servers).", valueName: "t"))
    var temperature: Double?

    @Flag(help: "Plain text even on a terminal: no Markdown styling or colours (as NO_COLOR or TERM=dumb).")
    var raw = false

    /// Whether replies on this terminal get Markdown styling.
    func stylesReplies(_ settings: AishSettings) -> Bool {
        !raw && !json && settings.wantsColor(.process)
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
        ProcessInterrupts.install(whenNobodyWaits: message.isEmpty && InteractiveShell.isPossible ? .ignore : .exit)
        defer { ProcessInterrupts.restoreDefault() }
        do {
            try await send()
        } catch {
            throw ErrorReporter.report(error)
        }
    }

    private func send() async throws {
        let settings = try await Settings.current()
        let choice = conversation.choice
        let store = conversation.store
        let warn = { (text: String) -> Void in
            _ = try? FileDescriptorSink.standardError.write("aish: warning: \(text)\n")
        }
        let interval = settings.checkpointInterval ?? Checkpointer.interval
        if message.isEmpty, InteractiveShell.isPossible {
            let opened = try await Conversation.open(
                choice, checkpointInterval: interval, store: { try await store.open() }, warn: warn)
            let shell = InteractiveShell(
                specialist: specialist ?? settings.specialist, forcedTransport: connection.forcedTransport(settings),
                colors: stylesReplies(settings), discoveryCache: connection.discoveryCache,
                historySize: settings.historySize)
            try await connection.withClient { client in try await shell.run(client: client, conversation: opened) }
            return
        }
        guard let specialist = specialist ?? settings.specialist else {
            throw AishError.invalidArgument(
                name: "specialist",
                value: "",
                hint: "name one, as in `aish apollo \"hello\"`; `aish specialists` lists them"
            )
        }
        let piped = try StandardInput.readIfPiped()
        if message.isEmpty, piped == nil || piped?.isEmpty == true,
            let command = Aish.configuration.subcommands.first(where: { $0._commandName == specialist })
        {
            // `aish --url X specialists` reads as a chat with "specialists"; say how to write it.
            throw AishError.invalidArgument(
                name: "specialist",
                value: specialist,
                hint: "that is a command; put its options after it: aish \(command._commandName) --url …"
            )
        }
        let text = try MessageInput.combine(arguments: message, standardInput: piped)
        let opened = try await Conversation.open(
            choice, checkpointInterval: interval, store: { try await store.open() }, warn: warn)
        let options = self
        let status = try await connection.withClient { client in
            var conversation = opened
            return try await options.oneShot(client, settings).run(
                specialist: specialist, message: text, in: &conversation)
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// The one-shot chat these options describe, with `client`.
    private func oneShot(_ client: TektonClient, _ settings: AishSettings) -> OneShotChat {
        var chat = OneShotChat(
            server: client, discoveryCache: connection.discoveryCache, output: FileDescriptorSink.standardOutput,
            status: FileDescriptorSink.standardError, interrupts: ProcessInterrupts.signal)
        chat.forcedTransport = connection.forcedTransport(settings)
        chat.temperature = temperature
        chat.maxTokens = maxTokens
        chat.json = json
        chat.verbose = connection.verbose
        if stylesReplies(settings) { chat.renderer = MarkdownStreamRenderer(width: TerminalSize.columns()) }
        return chat
    }
}
