import Synchronization

/// Saves a reply to the session store while it streams, at most once per
/// ``interval`` and once at the end, without ever making the printer wait.
///
/// The printer calls ``record(_:tokens:)`` for every piece of text; that only adds
/// the piece to a list under a lock (the whole reply is put together by the writer,
/// never on the printing path). A writer task of the checkpointer's own wakes when text
/// comes, rests for the interval while more gathers, then saves all of it, so a
/// `kill -9` loses at most the last interval of text (plus one write), and a reply
/// that ends within its first interval is written once, by its final save.
/// ``finish(content:tokens:status:)`` stops the writer and saves the final text and
/// status; call it exactly once.
///
/// Each checkpoint writes the whole reply, so for a long reply the rest grows with
/// it: one interval per MiB saved (250 ms up to 1 MiB, 2 s at 8 MiB). The bytes
/// written then grow linearly with the reply, not with its square.
///
/// A failed write does not stop the reply: `onFailure` hears about the first one
/// (to tell the user once), and later checkpoints are still tried.
public final class Checkpointer: Sendable {
    /// The default rest between checkpoints: 250 ms.
    public static let interval: Duration = .milliseconds(250)

    private let store: any SessionStore
    /// The reply's row, once it exists; nil when it could not be made (nothing is saved then).
    private let reply: Task<MessageHandle?, Never>
    private let buffer: Buffer
    private let signal: AsyncStream<Void>.Continuation
    private let writer: Task<Void, Never>

    /// Starts checkpointing `reply` (already in `store`, as ``MessageDraft/pendingReply(from:)`` adds it).
    ///
    /// `sleep` is how the writer rests (a seam for tests; by default `Task.sleep`).
    public convenience init(
        store: any SessionStore,
        reply: MessageHandle,
        interval: Duration = Checkpointer.interval,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        onFailure: @escaping @Sendable (SessionStoreError) -> Void
    ) {
        self.init(store: store, reply: { reply }, interval: interval, sleep: sleep, onFailure: onFailure)
    }

    /// Starts checkpointing the reply whose row `reply` is making meanwhile (nil when
    /// it cannot be made, having said why): text is recorded from the start and saved
    /// once the row exists, so the printer never waits for it.
    public init(
        store: any SessionStore,
        reply: @escaping @Sendable () async -> MessageHandle?,
        interval: Duration = Checkpointer.interval,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        onFailure: @escaping @Sendable (SessionStoreError) -> Void
    ) {
        self.store = store
        let made = Task { await reply() }
        self.reply = made
        let buffer = Buffer(onFailure: onFailure)
        self.buffer = buffer
        let (stream, signal) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        self.signal = signal
        // Not structured: the writer must outlive each `record` call, and `finish` ends it.
        writer = Task {
            for await _ in stream {
                do { try await sleep(Self.rest(after: buffer.byteCount, interval: interval)) } catch { return }
                guard let reply = await made.value else { return }
                let (content, tokens) = buffer.take()
                await buffer.save {
                    try await store.update(reply, content: content, tokens: tokens, status: .partial, isStreaming: true)
                }
            }
        }
    }

    /// The rest before saving `bytes` of reply: `interval` per started MiB.
    static func rest(after bytes: Int, interval: Duration) -> Duration {
        interval * max(1, (bytes + (1 << 20) - 1) >> 20)
    }

    /// Adds `text` (worth `tokens` tokens) to the reply. Never blocks on the database.
    public func record(_ text: String, tokens: Int) {
        if buffer.append(text, tokens: tokens) { signal.yield() }
    }

    /// Stops the writer, then saves the reply's final state: `content` (by default
    /// all the text recorded), `tokens`, and `status`, and notes that no process is
    /// writing it any more.
    public func finish(content: String? = nil, tokens: Int, status: MessageStatus) async {
        writer.cancel()
        signal.finish()
        await writer.value
        guard let reply = await reply.value else { return }
        // The printer's own copy of the text, when given, is the one saved: the
        // checkpointer's goes first, so a long reply is not held twice while it is sealed.
        let text = content ?? buffer.take().content
        if content != nil { buffer.clear() }
        let store = self.store
        await buffer.save {
            try await store.update(reply, content: text, tokens: tokens, status: status, isStreaming: false)
        }
    }

    /// The text recorded so far and whether a write has failed, shared by the printer and the writer.
    ///
    /// The text is what ``take()`` last put together plus the pieces recorded since,
    /// kept apart: appending to one long string would copy it whenever it grows, and
    /// after each checkpoint (whose copy still shares it), on the printer's path.
    private final class Buffer: Sendable {
        private struct State {
            var joined = ""
            var pieces: [String] = []
            var bytes = 0
            var tokens = 0
            var pending = false
            var failed = false
        }
        private let state = Mutex(State())
        private let onFailure: @Sendable (SessionStoreError) -> Void

        init(onFailure: @escaping @Sendable (SessionStoreError) -> Void) { self.onFailure = onFailure }

        /// Appends; true when the writer needs waking (nothing was pending).
        func append(_ text: String, tokens: Int) -> Bool {
            state.withLock { state in
                state.pieces.append(text)
                state.bytes += text.utf8.count
                state.tokens += tokens
                defer { state.pending = true }
                return !state.pending
            }
        }

        /// The size of the text recorded so far, in UTF-8 bytes.
        var byteCount: Int { state.withLock { $0.bytes } }

        /// Forgets the text recorded so far.
        func clear() {
            state.withLock { state in
                state.joined = ""
                state.pieces = []
                state.bytes = 0
            }
        }

        /// Everything recorded so far; clears the pending mark. Called by one task at a
        /// time (the writer, then ``finish(content:tokens:status:)``); the pieces are
        /// joined outside the lock, so the printer never waits for it.
        func take() -> (content: String, tokens: Int) {
            let (joined, pieces, tokens) = state.withLock { state in
                state.pending = false
                defer { state.pieces = [] }
                return (state.joined, state.pieces, state.tokens)
            }
            guard !pieces.isEmpty else { return (joined, tokens) }
            let content = ([joined] + pieces).joined()
            state.withLock { $0.joined = content }
            return (content, tokens)
        }

        /// Runs `write`; reports its first failure.
        func save(_ write: @Sendable () async throws -> Void) async {
            do {
                try await write()
            } catch {
                let first = state.withLock { state in
                    defer { state.failed = true }
                    return !state.failed
                }
                guard first else { return }
                onFailure(
                    error as? SessionStoreError ?? .databaseUnavailable(path: "the session store", detail: "\(error)"))
            }
        }
    }
}
