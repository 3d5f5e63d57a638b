import Foundation
import Hummingbird

extension RateLimiter.Decision {
    /// `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` (the
    /// Unix time at which the client's bucket is full again), plus `Retry-After`
    /// when the request was refused.
    var headers: HTTPFields {
        var fields = HTTPFields()
        let reset = Int(Date().timeIntervalSince1970.rounded(.up)) + resetAfter
        for (name, value) in [
            ("X-RateLimit-Limit", String(limit)), ("X-RateLimit-Remaining", String(remaining)),
            ("X-RateLimit-Reset", String(reset)),
        ] {
            if let name = HeaderName(name) { fields[name] = value }
        }
        if !allowed { fields[.retryAfter] = String(retryAfter) }
        return fields
    }
}

extension APIError {
    /// 429 `RATE_LIMITED` for a refused request, with the four headers of §8.
    static func rateLimited(_ decision: RateLimiter.Decision, rate: RequestRate) -> APIError {
        APIError(
            status: .tooManyRequests, code: "RATE_LIMITED",
            message: "Too many requests (at most \(rate.count) per \(rate.seconds.compactText) s); "
                + "try again in \(decision.retryAfter) s.",
            details: nil, retryAfter: decision.retryAfter, headers: decision.headers
        )
    }

    /// 429 `RATE_LIMITED` for the `rate-limited=N` fault: try again in one second.
    static let rateLimitedByFault = rateLimited(
        RateLimiter.Decision(allowed: false, limit: 1, remaining: 0, retryAfter: 1, resetAfter: 1),
        rate: RequestRate(count: 1, seconds: 1)
    )

    /// 429 `TOO_MANY_STREAMS` when a client already has as many streams as allowed.
    static func tooManyStreams(limit: Int) -> APIError {
        APIError(
            status: .tooManyRequests, code: "TOO_MANY_STREAMS",
            message: "Too many streams at once (at most \(limit) per client); wait for one to finish.",
            details: .object(["max_concurrent_streams": .int(limit)]), retryAfter: 1,
            headers: [.retryAfter: "1"]
        )
    }
}

extension Double {
    /// `60` for 60.0, `2.5` for 2.5.
    var compactText: String {
        self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}
