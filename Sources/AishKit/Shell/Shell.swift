/// The interactive shell: reads lines, sends messages, runs slash commands.
///
/// It knows the terminal only through ``LineReader`` and ``OutputSink``, so tests
/// drive it with a script and memory, and the executable with libedit.
public struct Shell: Sendable {
    /// Where the shell talks to and how it shows things.
    public struct Context: Sendable {
        public var client: any DiscoveryServer & TeamChatServer
        public var reader: any LineReader
        /// Reply text.
        public var output: any OutputSink
        /// Banners, notices, status lines and errors.
        public var status: any OutputSink
        public var interrupts: InterruptSignal
        public var forcedTransport: TransportKind?
        public var colors: Bool
        /// For `/edit`; `nil` where no editor can run.
        public var editor: ExternalEditor?
        /// How replies are drawn (Markdown on a colour terminal); `nil` writes them as they come.
        public var renderer: (any ReplyRenderer)?
        /// Where conversations are kept; `nil` keeps nothing.
        public var store: (any SessionStore)?
        /// Where discovery answers are kept, for `@capability` and completion.
        public var discoveryCache: any DiscoveryCache
        /// The user's home folder, for `~` in paths (`/save ~/notes.md`).
        public var home: String
        /// `--system`, for the models of OpenAI-compatible providers.
        public var system: String?
        /// How a reasoning model's thinking shows before its answer (dimmed with `colors`).
        public var thinking: ThinkingDisplay
        /// Whether it shows at first (`thinking: hide` says not); `/thinking` switches.
        public var showsThinking = true

        /// A context; colours default to whether `status` is a terminal.
        public init(
            client: any DiscoveryServer & TeamChatServer,
            reader: any LineReader,
            output: any OutputSink,
            status: any OutputSink,
            interrupts: InterruptSignal,
            forcedTransport: TransportKind? = nil,
            colors: Bool? = nil,
            editor: ExternalEditor? = nil,
            renderer: (any ReplyRenderer)? = nil,
            store: (any SessionStore)? = nil,
            discoveryCache: any DiscoveryCache = InMemoryDiscoveryCache(),
            home: String = HomeFolder.path(environment: [:])
        ) {
            self.client = client
            self.reader = reader
            self.output = output
            self.status = status
            self.interrupts = interrupts
            self.forcedTransport = forcedTransport
            self.colors = colors ?? status.isTerminal
            self.thinking = ThinkingDisplay(dims: self.colors)
            self.editor = editor
            self.renderer = renderer
            self.store = store
            self.discoveryCache = discoveryCache
            self.home = home
        }
    }

    let context: Context
    var current: PreparedChat
    var transcript = Transcript()
    var lastSummary: ReplySummary?
    /// Whether a reasoning model's thinking shows (`/thinking`).
    var showsThinking: Bool
    /// Where the conversation is kept, its turns and its server session.
    var record: Conversation

    /// Connects to the server and picks `specialist` (or ``Specialist/serverDefault(in:)``);
    /// `@capability` picks the best specialist for it. The turns go to
    /// `conversation` (by default a new one in `context.store`).
    public static func start(_ context: Context, specialist: String?, conversation: Conversation? = nil) async throws
        -> Shell
    {
        // Capabilities are only for completion: a server without discovery still gets a shell.
        async let catalog = try? CapabilityRouter(client: context.client, cache: context.discoveryCache)
            .discovery.catalog().catalog
        let roster = try await context.client.specialists()
        if specialist == nil, let error = Specialist.onlyModelsError(in: roster, tekton: context.client.baseURL) {
            throw error
        }
        let name = specialist ?? Specialist.serverDefault(in: roster)?.id ?? "apollo"
        let prepared = try await prepareChat(for: name, in: context)
        let capabilities = await catalog?.capabilities ?? []
        // A provider's model is offered by its id too (`local/llama3.1`).
        let names = roster.flatMap { $0.provider == nil ? [$0.bareName] : [$0.bareName, $0.id] }
        context.reader.useCompleter(ShellCompleter(specialists: names, capabilities: capabilities))
        return Shell(
            context: context, current: prepared, showsThinking: context.showsThinking,
            record: conversation ?? Conversation(store: context.store))
    }

    /// The conversation so far.
    public var conversation: Transcript { transcript }

    /// Runs until `/quit` or the end of input, first resuming the stored session
    /// `resuming` when given (`aish -c`, `aish --session ID`).
    public mutating func run(resuming: String? = nil) async {
        say(banner())
        if let resuming { await resumeSession(resuming) }
        var pending = MultilineInput()
        while true {
            let name = current.specialist.bareName
            let prompt = pending.isCollecting ? String(repeating: " ", count: name.count) + "… " : "\(name)› "
            switch await context.reader.readLine(prompt: prompt) {
            case .endOfInput:
                return
            case .interrupted:
                pending.reset()
            case .line(let line):
                guard case .complete(let text) = pending.add(line) else { continue }
                // A leading space keeps a line out of the history, as in bash.
                if !text.hasPrefix(" "), !text.trimmingWhitespace().isEmpty { context.reader.remember(text) }
                if await handle(ShellInput.parse(text)) == .quit { return }
                // SIGTERM or SIGHUP stopped the reply (and it was saved): the shell ends.
                if context.interrupts.termination != nil { return }
            }
        }
    }

    enum Next { case goOn, quit }

    mutating func handle(_ input: ShellInput) async -> Next {
        switch input {
        case .empty:
            return .goOn
        case .message(let text):
            await ask(text, of: current)
        case .mention(let name, let text):
            do {
                let other = try await Self.prepareChat(for: "@" + name, in: context)
                await ask(text, of: other)
            } catch {
                complain(error)
            }
        case .command(let command):
            return await run(command)
        case .unknownCommand(let word, let suggestion):
            if let suggestion {
                complain("unknown command \(word). Did you mean \(suggestion)? /help lists them.")
            } else {
                // Nothing like a command: a path, most likely, meant as the message.
                complain(
                    "unknown command \(word). /help lists them; to send a message that starts with a slash, "
                        + "begin it with //, as in /\(word).")
            }
        case .badUsage(_, let usage):
            complain("usage: \(usage)")
        }
        return .goOn
    }

    func banner() -> String {
        let transport = current.transport.kind.displayName
        return dim(
            "aish · \(current.url ?? context.client.baseURL) · \(transport) · talking to \(current.specialist.id)")
            + "\n" + dim("Type a message, /help for commands, Ctrl-D to leave.")
    }

    func say(_ line: String) { try? context.status.write(line + "\n") }

    func complain(_ message: String) { say("aish: \(message)") }

    func complain(_ error: any Error) {
        complain((error as? AishError)?.description ?? String(describing: error))
    }

    func dim(_ text: String) -> String { context.colors ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
}
