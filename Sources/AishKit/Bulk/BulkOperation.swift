/// One operation of a ``BulkPlan``: a message to one specialist.
public struct BulkOperation: Sendable, Equatable {
    /// The operation's id, unique in the plan (`op1`, `review`).
    public var id: String
    /// The specialist, as written in the plan (`apollo`, or a server id such as `apollo-ci`).
    public var ai: String
    /// The message; `{opN}` stands for opN's response.
    public var message: String
    /// The operations that must succeed before this one starts.
    public var dependsOn: [String]
    /// Sampling temperature, 0–2.
    public var temperature: Double?
    /// The most tokens to ask for.
    public var maxTokens: Int?
    /// Seconds this operation may take, retries included.
    public var timeout: Double?

    /// Creates an operation.
    public init(
        id: String,
        ai: String,
        message: String,
        dependsOn: [String] = [],
        temperature: Double? = nil,
        maxTokens: Int? = nil,
        timeout: Double? = nil
    ) {
        self.id = id
        self.ai = ai
        self.message = message
        self.dependsOn = dependsOn
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.timeout = timeout
    }
}
