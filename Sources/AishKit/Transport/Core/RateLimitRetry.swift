/// A transport that waits out rate limits: when the server refuses a request
/// with 429 or -32003 before answering anything, the request was not carried out,
/// so it is safe to send again. The wait shows as a notice (on standard error);
/// after ``RateLimitPolicy/maxRetries`` the reply fails with
/// ``AishError/rateLimited(url:retryAfter:attempts:)``.
struct RateLimitRetry: ChatTransport {
    /// The transport that does the work.
    let base: any ChatTransport
    /// How long and how often to wait.
    let policy: RateLimitPolicy

    var kind: TransportKind { base.kind }

    func takesEarlierTurns(for specialistID: String) -> Bool { base.takesEarlierTurns(for: specialistID) }

    /// The request goes out at once; its events are read from the base transport's
    /// stream by the reader of this one, on the reader's task. A task of its own in
    /// between would cost a thread's wake-up for every event (BENCHMARKS.md,
    /// fourteenth session).
    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatEvent, any Error> {
        let attempts = Attempts(policy: policy) { [base] in base.stream(request) }
        return AsyncThrowingStream { try await attempts.next() }
    }

    /// The attempts at one request: the events of the current one, and the wait
    /// before the next.
    ///
    /// Unchecked: `AsyncThrowingStream(unfolding:)` calls `next` for its one reader,
    /// one call at a time, so nothing here is ever touched by two tasks at once.
    private final class Attempts: @unchecked Sendable {
        private let policy: RateLimitPolicy
        /// Sends the request (again) and streams its reply.
        private let send: @Sendable () -> AsyncThrowingStream<ChatEvent, any Error>
        private var events: AsyncThrowingStream<ChatEvent, any Error>.AsyncIterator
        /// Whether an event has come: a reply that started is not sent again.
        private var answered = false
        private var retries = 0
        /// Seconds to wait before the next attempt, once its notice has been read.
        private var wait: Int?

        /// Sends the first attempt at once.
        init(policy: RateLimitPolicy, send: @escaping @Sendable () -> AsyncThrowingStream<ChatEvent, any Error>) {
            self.policy = policy
            self.send = send
            self.events = send().makeAsyncIterator()
        }

        func next() async throws -> ChatEvent? {
            if let wait {
                self.wait = nil
                try await Task.sleep(for: .seconds(wait))
                events = send().makeAsyncIterator()
            }
            do {
                guard let event = try await events.next() else { return nil }
                answered = true
                return event
            } catch AishError.rateLimited(let url, let retryAfter, _) where !answered {
                retries += 1
                let wait = try policy.waitBeforeRetry(retries, url: url, retryAfter: retryAfter)
                self.wait = wait
                return policy.notice(wait: wait, retry: retries)
            }
        }
    }
}
