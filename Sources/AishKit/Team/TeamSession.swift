/// One team chat as `aish team` presents it: each answer in full as it arrives,
/// attributed (rendered on a terminal, above the live view of who is still
/// answering; a Markdown section each when piped), or `aish bulk`'s JSON and JSON
/// lines with `--json`/`--jsonl`. The answers are saved as they arrive (see
/// ``TeamRecorder``), and Ctrl-C ends the run keeping the answers so far.
public struct TeamSession: Sendable {
    /// JSON, JSON lines, colours, a dumb terminal.
    public var style: BulkOutputStyle
    /// Draws an answer's Markdown for a terminal; nil writes it as it is.
    public var render: (@Sendable (String) -> String)?
    /// Where the answers are saved; nil saves nothing.
    public var store: (any SessionStore)?
    /// Ctrl-C.
    public var interrupts: InterruptSignal = ProcessInterrupts.signal
    /// The answers (standard output) and everything else (standard error).
    public var output: any OutputSink = FileDescriptorSink.standardOutput
    public var status: any OutputSink = FileDescriptorSink.standardError
    /// Whether a terminal gets the live line per specialist (`aish team`); the
    /// shell shows only the answers.
    public var showsLiveView = true

    /// A session writing as `style` says.
    public init(style: BulkOutputStyle, render: (@Sendable (String) -> String)?, store: (any SessionStore)?) {
        self.style = style
        self.render = render
        self.store = store
    }

    /// What a finished team chat leaves: every answer, and the session they were saved in.
    public struct Outcome: Sendable {
        public var result: BulkRunResult
        /// The saved session's id; nil when nothing was saved.
        public var sessionID: String?
    }

    /// The Markdown section of one answer: its specialist as a heading, then the answer.
    public static func section(_ id: String, _ answer: String) -> String {
        "## \(id)\n\n" + answer + (answer.hasSuffix("\n") ? "\n" : "\n\n")
    }

    /// Runs `prepared` on `team` and shows it.
    public func run(_ team: TeamChat, _ prepared: TeamChat.Prepared) async throws -> Outcome {
        let plan = prepared.plan
        let human = output.isTerminal && !style.json && !style.jsonl
        let display = makeDisplay(plan, human: human)
        let recorder = store.map { TeamRecorder(store: $0, message: plan.operations.first?.message ?? "") }
        let (saves, saving) = AsyncStream.makeStream(of: (String, String).self)
        let writer = Task { if let recorder { for await (ai, text) in saves { await recorder.save(text, from: ai) } } }
        let (output, status, style, render) = (self.output, self.status, self.style, self.render)
        let specialists = Dictionary(plan.operations.map { ($0.id, $0.ai) }, uniquingKeysWith: { first, _ in first })
        let onEvent: @Sendable (BulkEvent) -> Void = { event in
            display?.apply(event)
            if style.jsonl, let line = event.jsonLine { try? output.write(line + "\n") }
            guard case .finished(let id, let result, _) = event else { return }
            if result.status == .success, let text = result.response {
                saving.yield((specialists[id] ?? id, text))
                guard !style.json, !style.jsonl else { return }
                let section = Self.section(id, text)
                if human, let display {
                    display.printAbove(render?(section) ?? section)
                } else {
                    try? output.write(human ? render?(section) ?? section : section)
                }
            } else if display == nil, result.status == .failed {
                try? status.write("aish: \(id) did not answer: \(result.error ?? "it failed")\n")
            }
        }
        let animation = display.flatMap { display in display.animated ? Task { await display.animate() } : nil }
        // Listening before the work starts: an interrupt as it begins is not lost.
        let listener = interrupts.listen()
        defer { listener.end() }
        let task = Task { await team.run(prepared, onEvent: onEvent) }
        let watch = Task { if await listener.wait() { task.cancel() } }
        let result = await task.value
        watch.cancel()
        animation?.cancel()
        _ = await animation?.value
        saving.finish()
        await writer.value
        display?.finish { board in board.summary(for: result, via: prepared.via) }
        if style.jsonl {
            try output.write(result.summaryJSONLine + "\n")
        } else if style.json {
            try output.write(result.jsonText + "\n")
        }
        let sessionID = await recorder?.sessionID
        if let failure = await recorder?.failure {
            try? status.write("aish: warning: the answers could not be saved (\(failure)); they were shown in full\n")
        }
        return Outcome(result: result, sessionID: sessionID)
    }

    /// The live view: on standard output for a person at a terminal; on standard
    /// error when only that is a terminal; none on a dumb terminal's error stream.
    private func makeDisplay(_ plan: BulkPlan, human: Bool) -> BulkLiveDisplay? {
        let dumb = style.dumbTerminal
        guard showsLiveView else { return nil }
        if human, let output = output as? FileDescriptorSink {
            return BulkLiveDisplay(plan: plan, sink: output, colors: style.colors, animated: !dumb)
        }
        guard !output.isTerminal, status.isTerminal, !dumb, let status = status as? FileDescriptorSink else {
            return nil
        }
        return BulkLiveDisplay(plan: plan, sink: status, colors: style.colors, animated: true)
    }
}

/// Saves a team chat as it runs: one session with specialist `team`, the question
/// addressed to `team`, and each answer under its own specialist. The session is
/// made with the first answer, so a team chat nobody answered leaves no trace.
public actor TeamRecorder {
    /// The specialist a team session is kept under.
    public static let specialist = "team"

    private let store: any SessionStore
    private let message: String
    /// The session, once the first answer is saved.
    public private(set) var sessionID: String?
    /// The first save that failed, if one did (later ones are still tried).
    public private(set) var failure: SessionStoreError?

    /// A recorder saving the answers to `message` in `store`.
    public init(store: any SessionStore, message: String) {
        self.store = store
        self.message = message
    }

    /// Saves `answer` from `specialist`.
    public func save(_ answer: String, from specialist: String) async {
        do {
            let id: String
            if let sessionID {
                id = sessionID
            } else {
                id = try await store.createSession(specialist: Self.specialist, firstMessage: message).id
                sessionID = id
                _ = try await store.append(.question(message, to: Self.specialist), toSession: id)
            }
            _ = try await store.append(
                MessageDraft(role: .specialist, specialist: specialist, content: answer), toSession: id)
        } catch {
            if failure == nil {
                failure = error as? SessionStoreError ?? .databaseUnavailable(path: store.location, detail: "\(error)")
            }
        }
    }
}
