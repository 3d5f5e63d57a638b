/// How long aish waits for a server at each step of a reply, shared by every
/// transport, so no wait is unbounded (README, "Timeouts", says why these values).
///
/// - `connect`: opening the connection, TLS and (for WebSocket) the upgrade.
/// - `firstAnswer`: from sending the request to the first thing the server says
///   about it (a specialist may think, or wait in a queue, before it starts).
/// - `silence`: between two things the server says once the reply has started.
public struct Timeouts: Sendable, Equatable {
    /// The longest wait for the connection (and the WebSocket upgrade).
    public var connect: Duration
    /// The longest wait for the first answer to a request.
    public var firstAnswer: Duration
    /// The longest silence between two parts of a started reply.
    public var silence: Duration

    /// Creates timeouts; the defaults are ``default``'s.
    public init(
        connect: Duration = .seconds(10), firstAnswer: Duration = .seconds(300), silence: Duration = .seconds(300)
    ) {
        self.connect = connect
        self.firstAnswer = firstAnswer
        self.silence = silence
    }

    /// 10 s to connect, 5 minutes for the first answer and between two parts.
    public static let `default` = Timeouts()

    /// What timed out, in words for an error message: `"no answer within 300 s"`.
    static func phrase(_ what: String, _ duration: Duration) -> String {
        "\(what) within \(seconds(duration))"
    }

    /// `10 s`, `0.05 s`.
    static func seconds(_ duration: Duration) -> String {
        let (whole, attoseconds) = duration.components
        guard attoseconds != 0 else { return "\(whole) s" }
        let value = Double(whole) + Double(attoseconds) / 1e18
        return "\((value * 1000).rounded() / 1000) s"
    }
}

/// A wait that ran past its bound; `reason` says which (`"no answer within 300 s"`).
struct DeadlineExceeded: Error, Equatable {
    let reason: String
}

/// Runs `operation`, cancelling it and throwing ``DeadlineExceeded`` with `reason`
/// when it has not finished within `duration`. `operation` must end soon once
/// cancelled.
func withDeadline<T: Sendable>(
    _ duration: Duration, reason: String, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: duration)
            throw DeadlineExceeded(reason: reason)
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw CancellationError() }
        return first
    }
}
