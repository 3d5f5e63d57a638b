/// The per-client limits of PROTOCOL.md §8 the mock enforces. Every limit is off
/// unless set, except the message size (1 MiB, as the protocol says).
public struct MockLimits: Sendable, Equatable {
    /// Requests to v2 routes and WebSocket upgrades, per client.
    public var requestRate: RequestRate?
    /// Streams (v2 SSE replies and streaming WebSocket calls) in flight, per client.
    public var maxConcurrentStreams: Int?
    /// WebSocket messages per second, per connection.
    public var webSocketMessagesPerSecond: Double?
    /// The largest request body or WebSocket message, in bytes.
    public var maxMessageSize: Int

    /// No limits but the 1 MiB message size.
    public static let `default` = MockLimits()

    /// Creates limits; by default only the message size is limited.
    public init(
        requestRate: RequestRate? = nil,
        maxConcurrentStreams: Int? = nil,
        webSocketMessagesPerSecond: Double? = nil,
        maxMessageSize: Int = 1 << 20
    ) {
        self.requestRate = requestRate
        self.maxConcurrentStreams = maxConcurrentStreams
        self.webSocketMessagesPerSecond = webSocketMessagesPerSecond
        self.maxMessageSize = maxMessageSize
    }
}

/// A rate such as "60 requests a minute": `count` requests per `seconds`, with
/// bursts of up to `count` (a token bucket that refills steadily).
public struct RequestRate: Sendable, Equatable, CustomStringConvertible {
    /// Requests allowed per window (and the largest burst).
    public var count: Int
    /// The window, in seconds.
    public var seconds: Double

    /// Creates a rate of `count` requests per `seconds`.
    public init(count: Int, seconds: Double) {
        self.count = count
        self.seconds = seconds
    }

    /// Parses `N/s`, `N/m`, `N/h` or `N/Ks` (N requests per K seconds): `60/m`, `5/2s`.
    ///
    /// - Throws: ``MockServerError`` naming the text when it is not such a rate.
    public init(parsing text: String) throws {
        let parts = text.trimmingSpaces.split(separator: "/", maxSplits: 1)
        guard parts.count == 2, let count = Int(parts[0]), count > 0 else {
            throw MockServerError.invalidRate(text)
        }
        var unit = Substring(parts[1])
        let multiplier: Double
        switch unit.last {
        case "s": multiplier = 1
        case "m": multiplier = 60
        case "h": multiplier = 3600
        default: throw MockServerError.invalidRate(text)
        }
        unit.removeLast()
        let amount = unit.isEmpty ? 1 : Double(unit)
        guard let amount, amount.isFinite, amount > 0 else { throw MockServerError.invalidRate(text) }
        self.init(count: count, seconds: amount * multiplier)
    }

    /// `60/60s`.
    public var description: String {
        let seconds = seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
        return "\(count)/\(seconds)s"
    }
}
