/// When a bulk operation is sent again after a transient failure (HTTP 429 or 503,
/// a dropped or refused connection), and how long to wait first.
public struct BulkRetryPolicy: Sendable, Equatable {
    /// Retries after the first attempt; 0 turns retrying off.
    public var maxRetries: Int
    /// The wait before the first retry; it doubles for each further one.
    public var initialDelay: Double
    /// The longest wait.
    public var maxDelay: Double

    /// Creates a policy.
    public init(maxRetries: Int = 3, initialDelay: Double = 0.5, maxDelay: Double = 8) {
        self.maxRetries = maxRetries
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
    }

    /// Three retries, after about 0.5, 1 and 2 seconds.
    public static let `default` = BulkRetryPolicy()

    /// The wait before retry number `retry` (from 1), with up to 20% jitter so
    /// operations rate-limited together do not all come back at once.
    public func delay(beforeRetry retry: Int, jitter: Double = Double.random(in: 0...1)) -> Double {
        var delay = initialDelay
        for _ in 1..<max(retry, 1) where delay < maxDelay { delay *= 2 }
        return min(delay, maxDelay) * (1 + 0.2 * min(max(jitter, 0), 1))
    }

    /// The seconds to wait after `error`: what a rate-limited server asked for
    /// (`Retry-After`, at most a minute), when that is longer than `otherwise`.
    public static func wait(after error: any Error, otherwise: Double) -> Double {
        guard case AishError.rateLimited(_, let retryAfter?, _)? = error as? AishError else { return otherwise }
        return max(otherwise, Double(min(retryAfter, 60)))
    }

    /// Whether `error` is worth another attempt: rate limiting, a temporarily
    /// unavailable specialist or server, a connection that failed or dropped, or
    /// Tekton's Rhetor v1 losing a specialist's socket to a concurrent request
    /// (`success:false` with `"No response"` or the KeyError text `"'apollo-ci'"`).
    /// Not a specialist Rhetor found unhealthy (``AishError/specialistUnhealthy(id:detail:recheckSeconds:)``):
    /// it keeps that answer for 30 s, longer than every wait here, so the operation
    /// fails at once with that advice.
    public static func isTransient(_ error: any Error) -> Bool {
        guard let error = error as? AishError else { return false }
        switch error {
        case .serverUnreachable, .streamInterrupted, .specialistUnavailable, .rateLimited:
            return true
        case .unexpectedStatus(_, let status, _):
            return [429, 502, 503, 504].contains(status)
        case .specialistFailed(let id, let code, let message):
            if code == nil { return message == "No response" || message == "'\(id)'" }
            return code == "RATE_LIMITED" || code == "AI_UNAVAILABLE"
        default:
            return false
        }
    }
}
