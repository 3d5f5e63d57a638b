/// Writes a streamed reply as it arrives and sums it up.
///
/// Text goes to `output` the moment each event arrives; a spinner (on a terminal)
/// fills the wait for the first token, and a reasoning model's thinking is shown on
/// `status` as ``thinking`` says; recoverable notices go to `status`. The
/// printer adds nothing to `output` but the reply's text, so piped output is
/// byte-for-byte what the server sent. When the reader of `output` goes away
/// (`aish … | head -1`) the printer stops writing, without a word, and reads the
/// reply to its end, so that it is kept whole.
public struct ReplyPrinter: Sendable {
    /// Where the reply text goes (standard output).
    public var output: any OutputSink
    /// Where the spinner and notices go (standard error).
    public var status: any OutputSink
    /// Whether reply text is written at all (`false` for `--json`, which prints once at the end).
    public var echoesText: Bool
    /// Whether to show a spinner on `status` until the first token.
    public var showsSpinner: Bool
    /// How a reasoning model's thinking shows on `status` before the answer
    /// (``ThinkingTranscript``); nil (not at all) unless the caller, which knows the terminal, says.
    public var thinking: ThinkingDisplay?
    /// What turns the text into what `output` shows (Markdown on a terminal); nil
    /// writes the text exactly as it came. Each reply starts from this value.
    public var renderer: (any ReplyRenderer)?
    /// Hears every piece of reply text and its token count as it arrives, before it
    /// is written (a session ``Checkpointer`` saves it). Called on the printing path,
    /// so it must return at once and never wait on I/O.
    public var onText: (@Sendable (_ text: String, _ tokens: Int) -> Void)?
    /// Times the reply (first token, total).
    public var clock: any AishClock = SystemClock()
    /// The most bytes of text kept of one reply (``ReplyLimit/bytes``); past it the
    /// printer keeps what fits, stops reading (cancelling the request) and fails.
    public var maxReplyBytes = ReplyLimit.bytes

    /// A printer for `output` and `status`; the spinner shows only when `status` is a terminal.
    public init(
        output: any OutputSink, status: any OutputSink, echoesText: Bool = true, showsSpinner: Bool? = nil,
        renderer: (any ReplyRenderer)? = nil
    ) {
        self.output = output
        self.status = status
        self.echoesText = echoesText
        self.showsSpinner = showsSpinner ?? status.isTerminal
        self.renderer = renderer
    }

    /// Consumes `events` until the reply ends, writing its text. Throws a
    /// ``ReplyFailure`` that carries the partial reply when the stream fails.
    public func print(
        _ events: AsyncThrowingStream<ChatEvent, any Error>,
        from specialist: String
    ) async throws(ReplyFailure) -> ReplySummary {
        let clock = self.clock
        let start = clock.now
        var summary = ReplySummary(specialist: specialist)
        // The reply's text as it came, joined once at the end: a string grown piece by
        // piece is copied (into fresh pages) each time it outgrows its storage.
        var pieces: [String] = []
        var textBytes = 0
        var keptBytes: Int { textBytes + summary.reasoning.utf8.count }
        var chunks = 0
        let spinner = Spinner(output: status, label: specialist)
        let showsSpinner = self.showsSpinner
        let maxReplyBytes = self.maxReplyBytes
        var renderer = self.renderer
        var writing = echoesText
        var thinking = ThinkingTranscript(self.thinking)
        /// When the thinking began, if it came before the answer over a transport that
        /// shows how long it took.
        var thoughtFrom: Double?
        /// Whether the reader of the reply went away (`| head -1`): then nothing more is
        /// said about the reply, notices included.
        var readerGone = false
        /// Writes `text` unless the reader went away; then stops writing for good.
        func write(_ text: String) throws {
            guard writing else { return }
            do {
                try output.write(text)
            } catch let closed as OutputClosedError where closed.readerWentAway {
                writing = false
                readerGone = true
            }
        }
        /// Ends a reasoning model's thinking (on `status`, if it shows) before the answer,
        /// a notice, or the end: thinking after that is not shown.
        func endThinking() throws {
            let closing = thinking.close()
            guard !closing.isEmpty, !readerGone else { return }
            try status.write(closing)
        }
        let failure: (any Error)? = await withTaskGroup(of: Void.self) { group in
            if showsSpinner { group.addTask { await spinner.spin() } }
            var spinning = showsSpinner
            func stopSpinner() async {
                guard spinning else { return }
                spinning = false
                group.cancelAll()
                await group.waitForAll()
            }
            do {
                for try await event in events {
                    switch event {
                    case .started(let requestID, let transport):
                        summary.requestID = requestID
                        summary.transport = transport
                    case .text(let piece, let tokens):
                        await stopSpinner()
                        try endThinking()
                        if summary.firstTokenSeconds == nil {
                            let now = (clock.now - start).seconds
                            summary.firstTokenSeconds = now
                            if let thoughtFrom { summary.thinkingSeconds = now - thoughtFrom }
                        }
                        let (text, overflowed) = ReplyLimit.fit(piece, after: keptBytes, limit: maxReplyBytes)
                        pieces.append(text)
                        textBytes += text.utf8.count
                        chunks += tokens
                        onText?(text, tokens)
                        if writing { try write(renderer?.feed(text) ?? text) }
                        if overflowed { throw ReplyLimit.error(specialistID: specialist, limit: maxReplyBytes) }
                    case .reasoning(let piece):
                        if thoughtFrom == nil, summary.firstTokenSeconds == nil,
                            summary.transport?.streamsAsGenerated ?? true
                        {
                            thoughtFrom = (clock.now - start).seconds
                        }
                        let (text, overflowed) = ReplyLimit.fit(piece, after: keptBytes, limit: maxReplyBytes)
                        summary.reasoning += text
                        let shown = readerGone ? "" : thinking.feed(text)
                        if !shown.isEmpty {
                            await stopSpinner()
                            try status.write(shown)
                        }
                        if overflowed { throw ReplyLimit.error(specialistID: specialist, limit: maxReplyBytes) }
                    case .notice(let code, let message):
                        await stopSpinner()
                        try endThinking()
                        summary.notices.append(.init(code: code, message: message))
                        if !readerGone { try status.write(noticeLine(code: code, message: message)) }
                    case .done(let tokensUsed, let finishReason):
                        summary.tokens = tokensUsed ?? chunks
                        summary.finishReason = finishReason
                        summary.completed = true
                    }
                }
                await stopSpinner()
                try endThinking()
                if writing, let tail = renderer?.finish(), !tail.isEmpty { try write(tail) }
                if summary.completed, textBytes == 0, !summary.reasoning.isEmpty,
                    summary.finishReason != "length", !readerGone
                {
                    // All thinking and no answer (a block never closed, an empty content):
                    // with nothing on standard output, say so. A cut one has its own notice.
                    try status.write("aish: notice: \(specialist) thought but gave no answer; ask again\n")
                }
                return nil
            } catch {
                await stopSpinner()
                try? endThinking()
                if writing, let tail = renderer?.finish(), !tail.isEmpty { try? write(tail) }
                return error
            }
        }
        summary.content = pieces.joined()
        if !summary.completed { summary.tokens = chunks }
        summary.totalSeconds = (clock.now - start).seconds
        if let thoughtFrom, summary.firstTokenSeconds == nil {
            summary.thinkingSeconds = summary.totalSeconds - thoughtFrom
        }
        if let failure { throw ReplyFailure(summary: summary, error: failure) }
        if !summary.completed {
            throw ReplyFailure(
                summary: summary,
                error: AishError.streamInterrupted(id: specialist, reason: "the server ended the stream without `done`")
            )
        }
        return summary
    }

    private func noticeLine(code: String, message: String) -> String {
        // On a terminal the notice may land in the middle of a line of reply text.
        let lead = output.isTerminal && status.isTerminal ? "\n" : ""
        return "\(lead)aish: notice from the server [\(code)]: \(message)\n"
    }
}
