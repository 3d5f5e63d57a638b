import Synchronization

/// Token buckets, one per client: each holds up to `rate.count` requests and
/// refills steadily at `rate.count` per `rate.seconds`.
final class RateLimiter: Sendable {
    /// The answer for one request.
    struct Decision: Sendable, Equatable {
        /// Whether the request may go ahead.
        var allowed: Bool
        /// The bucket's size (`X-RateLimit-Limit`).
        var limit: Int
        /// Whole requests left after this one (`X-RateLimit-Remaining`).
        var remaining: Int
        /// Seconds until one more request is allowed (`Retry-After`, rounded up, at least 1).
        var retryAfter: Int
        /// Seconds until the bucket is full again (`X-RateLimit-Reset` is now plus this).
        var resetAfter: Int
    }

    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    /// The rate every client gets.
    let rate: RequestRate
    private let buckets = Mutex<[String: Bucket]>([:])

    /// Buckets kept before full ones are forgotten (a full bucket is the default).
    private static let pruneThreshold = 10_000

    /// A limiter allowing `rate` per client.
    init(rate: RequestRate) {
        self.rate = rate
    }

    /// Takes one request from `client`'s bucket, if it has one.
    func take(for client: String, now: ContinuousClock.Instant = .now) -> Decision {
        let capacity = Double(rate.count)
        let perSecond = capacity / rate.seconds
        return buckets.withLock { buckets in
            var bucket = buckets[client] ?? Bucket(tokens: capacity, updated: now)
            let elapsed = now - bucket.updated
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            bucket.tokens = min(capacity, bucket.tokens + max(0, seconds) * perSecond)
            bucket.updated = now
            let allowed = bucket.tokens >= 1
            if allowed { bucket.tokens -= 1 }
            if buckets.count >= Self.pruneThreshold { buckets = buckets.filter { $0.value.tokens < capacity } }
            buckets[client] = bucket
            return Decision(
                allowed: allowed,
                limit: rate.count,
                remaining: Int(bucket.tokens.rounded(.down)),
                retryAfter: max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up))),
                resetAfter: max(0, Int(((capacity - bucket.tokens) / perSecond).rounded(.up)))
            )
        }
    }
}
