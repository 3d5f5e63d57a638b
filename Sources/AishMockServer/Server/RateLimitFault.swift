import Hummingbird
import Synchronization

/// The `rate-limited=N` fault: the server's first N chat requests under such a
/// plan are turned away as rate limited (PROTOCOL.md §8), the rest are served.
/// One count per server, whichever route or transport the requests use.
final class RateLimitFault: Sendable {
    private let refused = Mutex(0)

    /// Seconds a refused client is told to wait.
    static let retryAfter = 1

    /// Whether a chat request under `faults` is refused; counts it if so.
    func refuses(_ faults: FaultPlan) -> Bool {
        guard let limit = faults.rateLimitedRequests else { return false }
        return refused.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    /// Throws 429 `RATE_LIMITED`, with `Retry-After` and the `X-RateLimit-*`
    /// headers, when a chat request under `faults` is refused.
    func check(_ faults: FaultPlan) throws(APIError) {
        guard refuses(faults) else { return }
        var error = APIError(
            status: .tooManyRequests, code: "RATE_LIMITED",
            message: "Too many requests; try again in \(Self.retryAfter) s.",
            details: .object(["retry_after": .int(Self.retryAfter)]))
        for (name, value) in [
            ("Retry-After", "\(Self.retryAfter)"), ("X-RateLimit-Limit", "60"), ("X-RateLimit-Remaining", "0"),
            ("X-RateLimit-Reset", "\(Self.retryAfter)"),
        ] {
            if let field = HeaderName(name) { error.headers[field] = value }
        }
        throw error
    }
}

extension RPCError {
    /// -32003 with `data.retry_after`.
    static var rateLimited: RPCError {
        RPCError(
            code: rateLimitedCode, message: "Too many requests; try again in \(RateLimitFault.retryAfter) s.",
            data: .object(["code": "RATE_LIMITED", "retry_after": .int(RateLimitFault.retryAfter)]))
    }
}
