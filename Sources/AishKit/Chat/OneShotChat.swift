/// `aish SPECIALIST MESSAGE`: one message, its reply streamed to standard output,
/// then a JSON object with `--json`, or the stats line with `-v`.
///
/// It finds the specialist (or the best one for `@capability`), says where a
/// capability went and, with `-v`, which transport and why; then runs one
/// ``ChatTurn``. When standard output is not a terminal it carries exactly the reply
/// text; on a terminal a final newline is added if the reply lacks one.
public struct OneShotChat: Sendable {
    /// The server.
    public var server: any DiscoveryServer
    /// Where discovery answers are kept, for `@capability`.
    public var discoveryCache: any DiscoveryCache
    /// The transport `--transport` forces, if any.
    public var forcedTransport: TransportKind?
    /// `--temperature` and `--max-tokens`.
    public var temperature: Double?
    public var maxTokens: Int?
    /// `--system`, for the models of OpenAI-compatible providers.
    public var system: String?
    /// `--json`: no text as it streams, one object at the end.
    public var json = false
    /// How the reply is drawn on a terminal (Markdown); nil writes it as it comes.
    public var renderer: (any ReplyRenderer)?
    /// `-v`: the transport, the session and the stats line on `status`.
    public var verbose = false
    /// How a reasoning model's thinking shows when `status` is a terminal (never with `--json`).
    public var thinking: ThinkingDisplay?
    /// Reply text (standard output) and everything else (standard error).
    public var output: any OutputSink
    public var status: any OutputSink
    /// Ctrl-C.
    public var interrupts: InterruptSignal

    /// A one-shot chat writing to `output` and `status`.
    public init(
        server: any DiscoveryServer, discoveryCache: any DiscoveryCache = InMemoryDiscoveryCache(),
        output: any OutputSink, status: any OutputSink, interrupts: InterruptSignal
    ) {
        self.server = server
        self.discoveryCache = discoveryCache
        self.output = output
        self.status = status
        self.interrupts = interrupts
    }

    /// The exit status of a reply stopped by Ctrl-C.
    public static let stoppedStatus: Int32 = 130

    /// Sends `text` to `name` in `conversation` and prints the reply.
    ///
    /// - Returns: 0, or ``stoppedStatus`` when Ctrl-C stopped the reply (what came is
    ///   kept, and a line on `status` says so).
    /// - Throws: the ``AishError`` (or store error) of a failed chat; with `--json`,
    ///   ``WrittenAsJSON`` around it, after the object that carries it. The text
    ///   received before the failure is printed and saved.
    public func run(specialist name: String, message text: String, in conversation: inout Conversation)
        async throws -> Int32
    {
        try await run(try await prepare(name, roster: nil), message: text, in: &conversation)
    }

    /// Sends `text` over `chat` in `conversation` and prints the reply (see above).
    private func run(_ chat: PreparedChat, message text: String, in conversation: inout Conversation)
        async throws -> Int32
    {
        let turn = turn(chat)
        return try await run(turn, turn.send(text, in: conversation), in: &conversation)
    }

    /// The turn that sends the message over `chat`.
    private func turn(_ chat: PreparedChat) -> ChatTurn {
        var printer = ReplyPrinter(output: output, status: status, echoesText: !json)
        printer.renderer = output.isTerminal ? renderer : nil
        if !json, status.isTerminal { printer.thinking = thinking }
        let notes = status
        var note: (@Sendable (String) -> Void)?
        if verbose { note = { line in try? notes.write("aish: \(line)\n") } }
        var turn = ChatTurn(
            server: server, chat: chat, printer: printer, interrupts: interrupts, temperature: temperature,
            maxTokens: maxTokens, warn: warning(on: status, beside: output), note: note)
        turn.system = system
        turn.isOnlyMessage = true
        return turn
    }

    /// Prints and saves the reply to `sent`, the message `turn` sent, in `conversation` (see above).
    private func run(_ turn: ChatTurn, _ sent: SentMessage, in conversation: inout Conversation)
        async throws -> Int32
    {
        conversation.readsTurnsBack = false
        let outcome = await turn.run(sent, in: &conversation)
        let summary = outcome.summary
        switch outcome.ending {
        case .completed:
            if json { try output.write(ReplyJSON(summary, error: nil).encoded() + "\n") }
            if verbose { try status.write(StatusLine.describe(summary) + "\n") }
            return 0
        case .stopped:
            if json { try output.write(ReplyJSON(summary, error: nil).encoded() + "\n") }
            if summary.content.isEmpty {
                try status.write("aish: stopped before any text arrived; nothing was saved\n")
            } else {
                let kept = outcome.saved ? "kept in the session, marked stopped" : "shown"
                try status.write("aish: stopped; the text received so far was \(kept)\n")
            }
            return Self.stoppedStatus
        case .failed(let error):
            guard json else { throw error }
            try output.write(ReplyJSON(summary, error: error).encoded() + "\n")
            throw WrittenAsJSON(error: error)
        }
    }

    /// `aish WORD…`: splits `words` into a specialist and a prompt (``ChatWords``),
    /// joins the conversation `choice` asks for (`open`) and sends the prompt, with
    /// `standardInput` after it.
    ///
    /// With no specialist named it goes to the continued session's specialist, else
    /// `defaultSpecialist` (config or `AISH_SPECIALIST`), else
    /// ``Specialist/serverDefault(in:)``. `-c SPECIALIST` continues the most recent
    /// session with that specialist. `opener` opens the conversation; a new one
    /// starts opening early when the server is asked something before the message
    /// goes (the roster, a capability's route), and after the message for a model.
    public func run(
        words: [String], standardInput: String?, defaultSpecialist: String?, choice: ConversationChoice,
        opener: ConversationOpener
    ) async throws -> Int32 {
        var roster: [Specialist]?
        let moreText = standardInput.map { !$0.allSatisfy(\.isWhitespace) } ?? false
        var split = ChatWords(specialist: nil, prompt: words)
        let providers = server.providerNames
        if let first = words.first, ChatWords.mayName(first) {
            // `@capability` and a model's id (`local/llama3.1`) need no roster to split, and
            // a model's chat then never asks Tekton; any other name is checked against the server's.
            let addressesAModel = ChatWords.addressesAModel(first, providers: providers)
            if !addressesAModel { opener.startEarly() }
            if !first.hasPrefix("@"), !addressesAModel {
                roster = try await server.specialists()
            }
            split = try ChatWords.split(words, roster: roster ?? [], providers: providers, moreText: moreText)
        }
        let text = try MessageInput.combine(arguments: split.prompt, standardInput: standardInput)
        var choice = choice
        if choice == .latest, let named = split.specialist {
            if ChatWords.addressesAModel(named, providers: providers) {
                // Sessions record the model as its provider lists it (`llama3.1` is
                // `llama3.1:latest`): it is known once the chat is prepared.
                let chat = try await prepare(named, roster: roster)
                var conversation = try await opener(.latestWith(specialist: chat.specialist.id))
                return try await run(chat, message: text, in: &conversation)
            } else if let roster, let specialist = try? SpecialistResolver(specialists: roster).resolve(named) {
                choice = .latestWith(specialist: specialist.id)
            }
        }
        if let named = split.specialist {
            if choice == .new {
                // The message goes out before the store is awaited (a Tekton specialist's
                // began opening while the roster was read; a model's opens now): a new
                // conversation has no turns to send along, and the store is first needed
                // once the reply's first words are saved (the reply prints only once it is
                // open, so a store that cannot be used still stops the chat before any
                // text). BENCHMARKS.md, fourteenth and seventeenth sessions.
                let turn = turn(try await prepare(named, roster: roster))
                let sent = turn.send(text, in: Conversation(store: nil))
                var conversation = try await opener(choice)
                return try await run(turn, sent, in: &conversation)
            }
            // The store opens while the server is asked how to reach the specialist:
            // neither waits for the other on the way to the first byte.
            async let opened = opener(choice)
            let chat = try await prepare(named, roster: roster)
            var conversation = try await opened
            return try await run(chat, message: text, in: &conversation)
        }
        var conversation = try await opener(choice)
        let name: String
        if let given = conversation.specialist ?? defaultSpecialist {
            name = given
        } else {
            let known: [Specialist]
            if let roster { known = roster } else { known = try await server.specialists() }
            guard let chosen = Specialist.serverDefault(in: known) else {
                throw Specialist.onlyModelsError(in: known, tekton: server.baseURL)
                    ?? AishError.invalidArgument(
                        name: "specialist", value: "",
                        hint: "the server lists no specialists; name one, as in `aish apollo \"hello\"`")
            }
            name = chosen.id
        }
        return try await run(try await prepare(name, roster: roster), message: text, in: &conversation)
    }

    /// The specialist `name` stands for and how to reach it (from `roster` when the
    /// server's was just read); a capability's route and (with `-v`) the transport's
    /// reason are said on `status`.
    private func prepare(_ name: String, roster: [Specialist]?) async throws -> PreparedChat {
        let router = CapabilityRouter(client: server, cache: discoveryCache)
        do {
            let (chat, route) = try await router.prepareChat(
                name, forcedTransport: forcedTransport, oneMessage: true, roster: roster)
            if let route { try status.write(route.notice + "\n") }
            if verbose {
                try status.write(
                    "aish: \(chat.specialist.id) at \(chat.url ?? server.baseURL) over \(chat.transport.kind.displayName) "
                        + "(\(chat.reason))\n")
            }
            if let notice = Self.ignoredOptionsNotice(
                transport: chat.transport.kind, temperature: temperature, maxTokens: maxTokens)
            {
                try status.write(notice)
            }
            if system != nil, !chat.transport.takesEarlierTurns(for: chat.specialist.id) {
                try status.write(
                    "aish: notice: --system was not sent: \(chat.specialist.id) is Tekton's, with a system message "
                        + "of its own; --system is for the models of OpenAI-compatible providers\n")
            }
            return chat
        } catch {
            server.forgetCapabilities(after: error)
            throw error
        }
    }
}

extension OneShotChat {
    /// The one notice for options the transport cannot send: Tekton's v1 routes take
    /// only the message, so `--max-tokens` and `--temperature` would be dropped
    /// without a word. Nil when nothing given is dropped.
    public static func ignoredOptionsNotice(transport: TransportKind, temperature: Double?, maxTokens: Int?)
        -> String?
    {
        guard transport == .v1Stream || transport == .v1Post else { return nil }
        let dropped = [maxTokens.map { _ in "--max-tokens" }, temperature.map { _ in "--temperature" }]
            .compactMap { $0 }
        guard !dropped.isEmpty else { return nil }
        let options = dropped.joined(separator: " and ")
        let verb = dropped.count == 1 ? "was" : "were"
        return "aish: notice: \(options) \(verb) not sent: Tekton's v1 API takes only the message "
            + "(a v2 server honours \(dropped.count == 1 ? "it" : "them"))\n"
    }
}

/// A warning line on `status`; on a terminal it may land in the middle of a line of
/// reply text on `output`, so it starts on a new line there.
func warning(on status: any OutputSink, beside output: any OutputSink) -> @Sendable (String) -> Void {
    let lead = output.isTerminal && status.isTerminal ? "\n" : ""
    return { try? status.write("\(lead)aish: warning: \($0)\n") }
}
