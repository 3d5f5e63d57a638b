/// How aish waits out a rate limit (PROTOCOL.md §8): it waits what the server's
/// `Retry-After` (or `data.retry_after`) asks, up to `longestWait` seconds, and
/// tries again at most `maxRetries` times.
public struct RateLimitPolicy: Sendable, Equatable {
    /// How many times one request is tried again; 0 turns retrying off.
    public var maxRetries: Int
    /// The longest wait aish accepts, in seconds; when the server asks for more,
    /// aish gives up at once and says when to try again.
    public var longestWait: Int
    /// The wait when the server does not say, in seconds; it doubles each retry.
    public var defaultWait: Int

    /// Creates a policy.
    public init(maxRetries: Int = 3, longestWait: Int = 60, defaultWait: Int = 2) {
        self.maxRetries = maxRetries
        self.longestWait = longestWait
        self.defaultWait = defaultWait
    }

    /// Three retries, waits of up to a minute.
    public static let `default` = RateLimitPolicy()

    /// The seconds to wait before retry number `retry` (1 for the first), or nil
    /// to give up.
    public func wait(retryAfter: Int?, retry: Int) -> Int? {
        guard retry >= 1, retry <= maxRetries else { return nil }
        let seconds = retryAfter ?? defaultWait << min(retry - 1, 16)
        guard seconds <= longestWait else { return nil }
        return max(1, seconds)
    }

    /// The notice shown while aish waits `wait` seconds before retry number `retry`.
    func notice(wait: Int, retry: Int) -> ChatEvent {
        .notice(
            code: "RATE_LIMITED",
            message: "too many requests; aish tries again in \(wait) s (retry \(retry) of \(maxRetries))")
    }

    /// The seconds to wait before retry number `retry` of a request to `url` that the
    /// server refused, asking for `retryAfter`.
    ///
    /// - Throws: ``AishError/rateLimited(url:retryAfter:attempts:)`` when the policy gives up.
    func waitBeforeRetry(_ retry: Int, url: String, retryAfter: Int?) throws(AishError) -> Int {
        guard let wait = wait(retryAfter: retryAfter, retry: retry) else {
            throw AishError.rateLimited(url: url, retryAfter: retryAfter, attempts: retry)
        }
        return wait
    }

    /// Runs `attempt` again while the server refuses it with a rate limit (which
    /// means it was not carried out, so sending it again is safe), waiting as the
    /// server and the policy say and telling `notify` of each wait.
    ///
    /// - Throws: ``AishError/rateLimited(url:retryAfter:attempts:)`` when the policy
    ///   gives up; any other error of `attempt` at once.
    func retrying<Value>(notify: (ChatEvent) -> Void, _ attempt: () async throws -> Value) async throws -> Value {
        var retry = 0
        while true {
            do {
                return try await attempt()
            } catch AishError.rateLimited(let url, let retryAfter, _) {
                retry += 1
                let wait = try waitBeforeRetry(retry, url: url, retryAfter: retryAfter)
                notify(notice(wait: wait, retry: retry))
                try await Task.sleep(for: .seconds(wait))
            }
        }
    }
}
