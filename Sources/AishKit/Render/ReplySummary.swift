/// What one reply amounted to: its text, where it came from and how long it took.
public struct ReplySummary: Sendable, Equatable {
    /// The specialist's id on the server.
    public var specialist: String
    /// The transport that carried the reply, once the server accepted the request.
    public var transport: TransportKind?
    /// The server's id for the request, when the transport has one.
    public var requestID: String?
    /// The reply text received so far (all of it when `completed`).
    public var content: String = ""
    /// A reasoning model's thinking before the answer, when it streamed some (not saved).
    public var reasoning: String = ""
    /// Tokens: what the server reported at the end, else the chunks counted.
    public var tokens: Int = 0
    /// Why generation stopped (`stop`, `length`), when the server says.
    public var finishReason: String?
    /// Recoverable problems the server reported along the way.
    public var notices: [Notice] = []
    /// Seconds from sending the request to the first text.
    public var firstTokenSeconds: Double?
    /// Seconds from a reasoning model's first thinking to its answer's first text (or
    /// the end): how long it thought, when it did.
    public var thinkingSeconds: Double?
    /// Seconds from sending the request to the end of the reply.
    public var totalSeconds: Double = 0
    /// Whether the reply reached its end (`done`).
    public var completed = false

    /// A recoverable error event.
    public struct Notice: Sendable, Equatable {
        public var code: String
        public var message: String
    }

    /// An empty summary for a reply from `specialist`.
    public init(specialist: String) { self.specialist = specialist }

    /// Tokens per second over the whole reply, when measurable.
    public var tokensPerSecond: Double? {
        totalSeconds > 0 && tokens > 0 ? Double(tokens) / totalSeconds : nil
    }
}

/// A reply that ended in an error. The text received before it is in `summary`.
public struct ReplyFailure: Error, Sendable {
    public var summary: ReplySummary
    public var error: any Error
}
