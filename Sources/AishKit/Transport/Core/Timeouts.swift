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

    /// How much longer the HTTP client's own timeouts are than these, so that
    /// these, whose errors say which wait ran out, fire first, even on a machine so
    /// loaded that the watcher runs seconds late (5 s was once not enough in CI).
    static let backstopMargin: Duration = .seconds(30)

    /// The shortest and longest bound a user may set.
    public static let allowed: ClosedRange<Duration> = .milliseconds(100) ... .seconds(86_400)

    /// What a user may write for a bound, for error messages.
    public static let syntaxHint = "a duration such as 500ms, 10s, 5m or 1h (a bare number is seconds), 100ms–24h"

    /// Parses `500ms`, `10s`, `1.5s`, `5m`, `1h` or a bare number of seconds; nil for
    /// anything else and for a duration outside ``allowed``.
    public static func duration(parsing text: String) -> Duration? {
        let trimmed = text.trimmingWhitespace().lowercased()
        let units: [(suffix: String, seconds: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3_600)]
        let (number, scale) =
            units.first { trimmed.hasSuffix($0.suffix) }.map { (String(trimmed.dropLast($0.suffix.count)), $0.seconds) }
            ?? (trimmed, 1)
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            let value = Double(number), value.isFinite
        else { return nil }
        let seconds = value * scale
        guard seconds >= 0.1, seconds <= 86_400 else { return nil }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }

    /// `500ms`, `10s`, `5m`, `1h`: the way ``duration(parsing:)`` reads it back.
    public static func text(_ duration: Duration) -> String {
        let milliseconds = Int64((duration.seconds * 1000).rounded())
        for (unit, size) in [("h", Int64(3_600_000)), ("m", 60_000), ("s", 1_000)] where milliseconds % size == 0 {
            return "\(milliseconds / size)\(unit)"
        }
        return "\(milliseconds)ms"
    }

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
