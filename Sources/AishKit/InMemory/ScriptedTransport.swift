/// A transport that replays a script in-process: the in-memory twin of the four
/// network transports, for tests of everything above them (the chat turn, the
/// shell, bulk runs) with no socket.
///
/// Each request is answered by the steps `script` gives for it; every request is
/// kept in ``requests`` so a test can see what was sent.
public struct ScriptedTransport: ChatTransport {
    /// One step of a scripted reply.
    public enum Step: Sendable, Equatable {
        /// Reply text, counted as `tokens` chunks.
        case text(String, tokens: Int = 1)
        /// A reasoning model's thinking.
        case reasoning(String)
        /// A recoverable notice.
        case notice(code: String, message: String)
        /// A wait on the transport's clock (a slow specialist).
        case wait(Duration)
        /// The reply fails with this error (after what came before).
        case fail(AishError)
        /// The connection drops: the reply ends without `done`.
        case drop
        /// The end of the reply.
        case done(tokensUsed: Int? = nil, finishReason: String? = "stop")
    }

    public let kind: TransportKind
    private let script: @Sendable (ChatRequest) -> [Step]
    private let clock: any AishClock
    private let log: LockedBox<[ChatRequest]>

    /// A transport of `kind` whose replies `script` writes, waiting on `clock`.
    public init(
        kind: TransportKind = .sse, clock: any AishClock = SystemClock(),
        script: @escaping @Sendable (ChatRequest) -> [Step]
    ) {
        self.init(kind: kind, clock: clock, log: LockedBox([]), script: script)
    }

    init(
        kind: TransportKind, clock: any AishClock, log: LockedBox<[ChatRequest]>,
        script: @escaping @Sendable (ChatRequest) -> [Step]
    ) {
        self.kind = kind
        self.script = script
        self.clock = clock
        self.log = log
    }

    /// The requests sent so far, oldest first.
    public var requests: [ChatRequest] { log.withLock { $0 } }

    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatEvent, any Error> {
        log.withLock { $0.append(request) }
        let steps = script(request)
        let clock = self.clock
        let kind = self.kind
        return .producing { continuation in
            continuation.yield(.started(requestID: nil, transport: kind))
            for step in steps {
                try Task.checkCancellation()
                switch step {
                case .text(let text, let tokens): continuation.yield(.text(text, tokens: tokens))
                case .reasoning(let text): continuation.yield(.reasoning(text))
                case .notice(let code, let message): continuation.yield(.notice(code: code, message: message))
                case .wait(let duration): try await clock.sleep(for: duration)
                case .fail(let error): throw error
                case .drop: return
                case .done(let tokens, let reason):
                    continuation.yield(.done(tokensUsed: tokens, finishReason: reason))
                    return
                }
            }
        }
    }

    /// A deterministic reply to `request`, as the mock server makes up its own: its
    /// words, one chunk each, then `done`.
    public static func echo(_ request: ChatRequest) -> [Step] {
        let words = reply(to: request.message, from: request.specialistID).split(
            separator: " ", omittingEmptySubsequences: false)
        return words.enumerated().map { index, word in .text((index == 0 ? "" : " ") + word) } + [.done()]
    }

    /// The text of ``echo(_:)``'s reply to `message` from `specialist`.
    public static func reply(to message: String, from specialist: String) -> String {
        "\(specialist) heard \(message.utf8.count) bytes ending in '\(message.suffix(12))'."
    }
}
