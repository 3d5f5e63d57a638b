/// How a v2 stream reconnects after losing its connection before `done`
/// (PROTOCOL.md §3, "Resume").
public struct ResumePolicy: Sendable, Equatable {
    /// How many reconnections one reply may use; 0 turns resuming off.
    public var maxAttempts: Int
    /// The wait before the first reconnection; it doubles for each further one.
    public var initialDelay: Duration
    /// The longest wait between two reconnections.
    public var maxDelay: Duration

    /// Creates a policy.
    public init(maxAttempts: Int = 5, initialDelay: Duration = .milliseconds(100), maxDelay: Duration = .seconds(2)) {
        self.maxAttempts = maxAttempts
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
    }

    /// Five attempts, waiting 0.1, 0.2, 0.4, 0.8 and 1.6 s.
    public static let `default` = ResumePolicy()

    /// Never reconnect: a lost connection ends the reply with
    /// ``AishError/streamInterrupted(id:reason:)``.
    public static let never = ResumePolicy(maxAttempts: 0)

    /// The wait before reconnection number `attempt` (counting from 1).
    public func delay(beforeAttempt attempt: Int) -> Duration {
        var delay = initialDelay
        for _ in 1..<max(attempt, 1) where delay < maxDelay {
            delay *= 2
        }
        return min(delay, maxDelay)
    }
}
