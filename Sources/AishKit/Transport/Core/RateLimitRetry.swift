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

    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatEvent, any Error> {
        .producing { continuation in
            var answered = false
            try await policy.retrying(notify: { _ = continuation.yield($0) }, while: { !answered }) {
                for try await event in base.stream(request) {
                    answered = true
                    continuation.yield(event)
                }
            }
        }
    }
}
