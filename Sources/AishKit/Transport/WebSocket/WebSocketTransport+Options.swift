import WSClient

extension WebSocketTransport {
    /// How a ``WebSocketTransport`` keeps its connection and recovers a lost one.
    public struct Options: Sendable {
        /// How often a lost reply is resumed, and the waits between tries (each
        /// wait is jittered to between half and all of the policy's delay).
        public var resumePolicy: ResumePolicy
        /// How often the client pings; a ping unanswered for as long closes the
        /// connection (the peer is dead) and a streaming reply resumes on a new one.
        public var pingInterval: Duration
        /// The largest message either side may send (PROTOCOL.md §8: 1 MiB).
        public var maxMessageSize: Int
        /// The longest waits for the connection and upgrade, the first answer, and
        /// between two parts of a reply.
        public var timeouts: Timeouts

        /// Creates options; the defaults suit a real server.
        public init(
            resumePolicy: ResumePolicy = .default, pingInterval: Duration = .seconds(15), maxMessageSize: Int = 1 << 20,
            timeouts: Timeouts = .default
        ) {
            self.resumePolicy = resumePolicy
            self.pingInterval = pingInterval
            self.maxMessageSize = maxMessageSize
            self.timeouts = timeouts
        }

        /// Five resume attempts, a ping every 15 s, messages up to 1 MiB, ``Timeouts/default``.
        public static let `default` = Options()

        /// The largest frame read before the connection gives up on it unread: above
        /// ``maxMessageSize``, so that a message over the limit is read, measured and
        /// named (swift-websocket ends a connection silently on a frame over its limit).
        var readCeiling: Int { max(maxMessageSize, 16 << 20) }

        /// The swift-websocket settings: the frame limit raised from its 16 KiB
        /// default to ``readCeiling``, automatic pings, the `Authorization` header (if any).
        func clientConfiguration(authorization: String?) -> WebSocketClientConfiguration {
            var configuration = WebSocketClientConfiguration(
                maxFrameSize: readCeiling,
                additionalHeaders: [.userAgent: "aish"],
                closeTimeout: .seconds(2),
                autoPing: pingInterval > .zero ? .enabled(timePeriod: pingInterval) : .disabled
            )
            if let authorization { configuration.additionalHeaders[.authorization] = authorization }
            return configuration
        }
    }
}

extension ResumePolicy {
    /// The wait before reconnection number `attempt`, jittered to a random point
    /// between half and all of ``delay(beforeAttempt:)``, so clients that lost the
    /// same server do not all come back at the same instant.
    public func jitteredDelay(beforeAttempt attempt: Int) -> Duration {
        let delay = self.delay(beforeAttempt: attempt)
        return delay / 2 + delay * Double.random(in: 0...0.5)
    }
}
