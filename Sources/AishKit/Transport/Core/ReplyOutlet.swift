import NIOCore
import Synchronization

/// Where a transport's producing task puts a reply's events: the stream's
/// continuation, with the text the task yields in one turn of its event loop merged
/// into one `.text` event.
///
/// A server's stream comes in many small HTTP chunks (the mock's 20k reply, ~13 KB
/// each), and one socket read holds several. The task that reads them on the
/// connection's event loop (``EventLoopTaskExecutor``) handles every chunk of a
/// read in one go; each event it yields wakes the printer on another thread and
/// costs it a write. Here the text waits for the end of that turn instead: the
/// first piece schedules a flush on the loop, which runs as soon as the task
/// waits for more bytes, before anything read after it. Any other event, and the
/// end of the stream, send the waiting text first, so the order never changes.
///
/// Without an event loop (a task that runs elsewhere) every event goes out at once.
struct ReplyOutlet: Sendable {
    typealias Continuation = AsyncThrowingStream<ChatEvent, any Error>.Continuation

    private let continuation: Continuation
    private let merger: Merger?

    /// An outlet to `continuation`; text is merged per turn of `eventLoop`, if given.
    init(_ continuation: Continuation, mergingOn eventLoop: (any EventLoop)? = nil) {
        self.continuation = continuation
        merger = eventLoop.map { Merger(continuation, eventLoop: $0) }
    }

    /// Sends `event` (text, merged with the rest of this turn's).
    func yield(_ event: ChatEvent) {
        guard let merger else {
            continuation.yield(event)
            return
        }
        merger.yield(event)
    }

    /// Sends any waiting text, then ends the stream (with `error`, if given).
    func finish(throwing error: (any Error)? = nil) {
        merger?.flush()
        continuation.finish(throwing: error)
    }

    /// The text of the current turn, and whether its flush is scheduled.
    private final class Merger: Sendable {
        private struct Pending {
            var text = ""
            var tokens = 0
            var scheduled = false
        }
        private let continuation: Continuation
        private let eventLoop: any EventLoop
        private let pending = Mutex(Pending())

        init(_ continuation: Continuation, eventLoop: any EventLoop) {
            self.continuation = continuation
            self.eventLoop = eventLoop
        }

        func yield(_ event: ChatEvent) {
            // The scheduled flush keeps the order only if every event comes from the loop.
            eventLoop.assertInEventLoop()
            guard case .text(let text, let tokens) = event else {
                flush()
                continuation.yield(event)
                return
            }
            let schedules = pending.withLock { pending in
                pending.text += text
                pending.tokens += tokens
                defer { pending.scheduled = true }
                return !pending.scheduled
            }
            if schedules { eventLoop.execute { self.flush() } }
        }

        func flush() {
            let waiting = pending.withLock { pending -> (String, Int)? in
                pending.scheduled = false
                guard pending.tokens > 0 || !pending.text.isEmpty else { return nil }
                defer { pending = Pending() }
                return (pending.text, pending.tokens)
            }
            if let (text, tokens) = waiting { continuation.yield(.text(text, tokens: tokens)) }
        }
    }
}
