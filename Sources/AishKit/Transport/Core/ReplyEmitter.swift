/// Turns a transport's decoded reply into ``ChatEvent``s on a stream's continuation.
///
/// It guarantees `.started` comes first, and coalesces text: pieces appended between
/// two ``flush()`` calls (one network read) go out as one `.text` event, and a
/// reasoning model's thinking likewise as one `.reasoning`, in the order they came.
///
/// Thinking a model wrote into the reply's text, `<think>…</think>` before the answer
/// (``InlineThinking``), goes out as thinking, whatever the transport: a Tekton
/// specialist or a provider's server that runs a reasoning model without a reasoning
/// parser sends it so. While the reply's first characters may still open such a block,
/// or a block's end may still be on its way, that text is held back; ``end()`` (an
/// error ends the reply) and ``done(tokensUsed:finishReason:)`` let it go.
struct ReplyEmitter {
    private let continuation: ReplyOutlet
    private let transport: TransportKind
    private var started = false
    private var pendingText = ""
    private var pendingTokens = 0
    private var pendingReasoning = ""
    private var inline = InlineThinking()

    init(_ continuation: ReplyOutlet, transport: TransportKind) {
        self.continuation = continuation
        self.transport = transport
    }

    /// Yields `.started` unless it already went out.
    mutating func start(requestID: String?) {
        guard !started else { return }
        started = true
        continuation.yield(.started(requestID: requestID, transport: transport))
    }

    /// Buffers one piece of reply text (`tokens` chunks of it) until the next ``flush()``.
    mutating func append(_ text: String, tokens: Int = 1) {
        start(requestID: nil)
        guard inline.passesThrough else {
            append(inline.split(text), tokens: tokens)
            return
        }
        flushReasoning()
        pendingText += text
        pendingTokens += tokens
    }

    /// Pieces of the reply's text while it may begin with inline thinking: `tokens`
    /// count for the first piece of the answer (at least one, for text held back).
    private mutating func append(_ pieces: [InlineThinking.Piece], tokens: Int) {
        var tokens = tokens
        for piece in pieces {
            switch piece {
            case .thinking(let text):
                appendReasoning(text)
            case .answer(let text):
                flushReasoning()
                pendingText += text
                pendingTokens += max(tokens, 1)
                tokens = 0
            }
        }
    }

    /// Buffers a piece of a reasoning model's thinking until the next ``flush()``,
    /// after the text buffered before it.
    mutating func appendReasoning(_ text: String) {
        start(requestID: nil)
        flushText()
        pendingReasoning += text
    }

    /// Yields what is buffered, if anything: one `.reasoning` or one `.text` event.
    /// Text held back to look for inline thinking's tags stays held.
    mutating func flush() {
        flushReasoning()
        flushText()
    }

    /// Yields everything buffered, the text held back to look for inline thinking's
    /// tags too: the reply ends here (an error follows, or the stream is done).
    mutating func end() {
        append(inline.finish(), tokens: 0)
        flush()
    }

    private mutating func flushText() {
        guard pendingTokens > 0 else { return }
        continuation.yield(.text(pendingText, tokens: pendingTokens))
        pendingText = ""
        pendingTokens = 0
    }

    private mutating func flushReasoning() {
        guard !pendingReasoning.isEmpty else { return }
        continuation.yield(.reasoning(pendingReasoning))
        pendingReasoning = ""
    }

    /// Yields a recoverable problem, after the text that came before it.
    mutating func notice(code: String, message: String) {
        start(requestID: nil)
        flush()
        continuation.yield(.notice(code: code, message: message))
    }

    /// Yields `.done`, after any buffered text.
    /// A reply the server stopped at the token limit (`finish_reason: length`, from
    /// Tekton's `done` or an OpenAI-compatible stream alike) gets a notice first: the
    /// text otherwise just stops, mid-sentence.
    mutating func done(tokensUsed: Int?, finishReason: String?) {
        start(requestID: nil)
        end()
        if finishReason == "length" {
            notice(code: "length", message: "the reply was cut off at the token limit; ask for more with --max-tokens")
        }
        continuation.yield(.done(tokensUsed: tokensUsed, finishReason: finishReason))
    }
}

extension AsyncThrowingStream where Element == ChatEvent, Failure == any Error {
    /// A stream fed by `produce`, run in its own task (on `executor`, when given:
    /// a client's ``EventLoopTaskExecutor``, so the reply is decoded where it is read,
    /// and the text of one turn of the loop goes out as one event, as ``ReplyOutlet``
    /// says). The stream finishes when `produce` returns and fails with what it throws.
    /// When the consumer stops listening (cancels its task or drops the stream) the
    /// producing task is cancelled, which closes the HTTP connection.
    static func producing(
        on executor: EventLoopTaskExecutor? = nil,
        _ produce: @escaping @Sendable (ReplyOutlet) async throws -> Void
    ) -> AsyncThrowingStream<ChatEvent, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: ChatEvent.self)
        let outlet = ReplyOutlet(continuation, mergingOn: executor?.eventLoop)
        let task = Task(executorPreference: executor) {
            do {
                try await produce(outlet)
                outlet.finish()
            } catch is CancellationError where Task.isCancelled {
                // Only a reader that went away cancels this task, and it reads no error:
                // the stream just ends (an error here could reach the reader before its
                // own end of the stream does).
                outlet.finish()
            } catch {
                outlet.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}
