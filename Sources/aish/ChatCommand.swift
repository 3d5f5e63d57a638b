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
        let environment = ProcessInfo.processInfo.environment
        guard !raw, !json else { return false }
        switch settings.color ?? .auto {
        case .never: return false
        case .always: return true
        case .auto: return environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
        }
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
        do {
            try await send()
        } catch {
            throw ErrorReporter.report(error)
        }
    }

    /// The session store for the shell; nil, after a warning, when the database
    /// cannot be used at all (a read-only or full disk): the shell still works, unsaved.
    /// Key problems and a damaged database stop it, as they stop a one-shot chat.
    private func openStoreForShell() async throws -> SQLiteSessionStore? {
        do {
            return try await conversation.store.open()
        } catch let error as SessionStoreError {
            guard case .databaseUnavailable = error, !conversation.continueLatest, conversation.sessionID == nil
            else { throw error }
            try? FileDescriptorSink.standardError.write(
                "aish: warning: this conversation will not be saved: \(error)\n")
            return nil
        }
    }

    private func send() async throws {
        if message.isEmpty, InteractiveShell.isPossible {
            let settings = try await Settings.current()
            let name = specialist ?? settings.specialist
            let forced = connection.forcedTransport(settings)
            let colors = stylesReplies(settings)
            let historySize = settings.historySize
            let store = try await openStoreForShell()
            var resuming: String?
            if let store { resuming = try await conversation.existingSession(in: store, path: store.path)?.id }
            let resume = resuming
            let discoveryCache = connection.discoveryCache
            try await connection.withClient { client in
                try await InteractiveShell.run(
                    client: client, specialist: name, forcedTransport: forced, colors: colors, store: store,
                    resume: resume, discoveryCache: discoveryCache, historySize: historySize)
            }
            return
        }
        let settings = try await Settings.current()
        guard let specialist = specialist ?? settings.specialist else {
            throw AishError.invalidArgument(
                name: "specialist",
                value: "",
                hint: "name one, as in `aish apollo \"hello\"`; `aish specialists` lists them"
            )
        }
        let piped = StandardInput.readIfPiped()
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
        let options = self
        let recorder = try await ChatSessionRecorder.open(conversation, verbose: connection.verbose)
        try await connection.withClient { client in
            try await options.chat(with: client, specialist: specialist, text: text, recorder: recorder)
        }
    }

    private func chat(
        with client: TektonClient, specialist: String, text: String, recorder: ChatSessionRecorder
    ) async throws {
        do {
            try await chatOnce(with: client, specialist: specialist, text: text, recorder: recorder)
        } catch {
            client.forgetCapabilities(after: error)
            throw error
        }
    }

    private func chatOnce(
        with client: TektonClient, specialist: String, text: String, recorder: ChatSessionRecorder
    ) async throws {
        let stdout = FileDescriptorSink.standardOutput
        let stderr = FileDescriptorSink.standardError
        let router = CapabilityRouter(client: client, cache: connection.discoveryCache)
        let settings = try await Settings.current()
        let (prepared, route) = try await router.prepareChat(
            specialist, forcedTransport: connection.forcedTransport(settings))
        if let route { try stderr.write(route.notice + "\n") }
        let id = prepared.specialist.id
        if connection.verbose {
            try stderr.write(
                "aish: \(id) at \(client.baseURL) over \(prepared.transport.kind.displayName) (\(prepared.reason))\n")
        }
        // With server sessions the server keeps the conversation; otherwise the
        // earlier turns go in front of the message.
        let serverSessions = TektonClient.usesServerSessions(prepared)
        let serverSession = serverSessions ? recorder.serverSessionID(for: id) : nil
        let request = ChatRequest(
            specialistID: id, message: serverSession == nil ? recorder.outgoing(text) : text,
            sessionID: serverSession, temperature: temperature, maxTokens: maxTokens)
        var printer = ReplyPrinter(output: stdout, status: stderr, echoesText: !json)
        if stdout.isTerminal, stylesReplies(settings) {
            printer.renderer = MarkdownStreamRenderer(width: TerminalSize.columns())
        }
        let recording = await recorder.begin(
            specialist: id, question: text, checkpointInterval: settings.checkpointInterval ?? Checkpointer.interval)
        printer.onText = recording?.onText
        let events =
            serverSessions
            ? ServerSessionChat(client: client, prepared: prepared).stream(
                request, seeded: recorder.outgoing(text),
                onSession: { await recorder.remember(serverSession: $0, for: recording) })
            : prepared.transport.stream(request)
        let summary: ReplySummary
        switch await InterruptibleReply.print(printer, events, from: id) {
        case .finished(let finished):
            summary = finished
        case .interrupted(let partial):
            await recording?.finish(partial, stoppedByUser: true)
            if json {
                try stdout.write(ReplyJSON(partial, error: nil).encoded() + "\n")
            } else if stdout.isTerminal, !partial.content.isEmpty, !partial.content.hasSuffix("\n") {
                try stdout.write("\n")
            }
            let kept = recording == nil ? "shown" : "kept in the session, marked interrupted"
            try stderr.write("aish: stopped; the \(partial.tokens) tokens received were \(kept)\n")
            throw ExitCode(130)
        case .failed(let error):
            await recording?.finish(error.summary)
            if json {
                try stdout.write(ReplyJSON(error.summary, error: error.error).encoded() + "\n")
            } else if stdout.isTerminal, !error.summary.content.isEmpty, !error.summary.content.hasSuffix("\n") {
                try stdout.write("\n")
            }
            throw error.error
        }
        await recording?.finish(summary)
        if json {
            try stdout.write(ReplyJSON(summary, error: nil).encoded() + "\n")
        } else if stdout.isTerminal, !summary.content.hasSuffix("\n") {
            try stdout.write("\n")
        }
        if connection.verbose {
            try stderr.write(StatusLine.describe(summary) + "\n")
        }
    }
}
