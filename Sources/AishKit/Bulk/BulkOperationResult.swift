/// How one operation of a plan ended (an entry of §5's `results`).
public struct BulkOperationResult: Sendable, Equatable {
    /// The end an operation reached.
    public enum Status: String, Sendable, Equatable, CaseIterable {
        /// The specialist answered in full.
        case success
        /// It failed after any retries, or timed out.
        case failed
        /// It never ran: something upstream failed, or time ran out first.
        case skipped
        /// Ctrl-C stopped it, or it had not started yet.
        case cancelled
    }

    /// How it ended.
    public var status: Status
    /// The response text, for a success.
    public var response: String?
    /// The specialist's id on the server, when it was asked.
    public var ai: String?
    /// Seconds from its start to its end, retries included, when it ran.
    public var executionTime: Double?
    /// Tokens the reply used, for a success.
    public var tokensUsed: Int?
    /// Why it failed, was skipped or cancelled; never message content.
    public var error: String?
    /// Seconds from the start of the plan to its (first) start, when it ran.
    public var startedAt: Double?
    /// How many times it was sent (1 plus retries), when it ran.
    public var attempts: Int?

    /// Creates a result.
    public init(
        status: Status, response: String? = nil, ai: String? = nil, executionTime: Double? = nil,
        tokensUsed: Int? = nil, error: String? = nil, startedAt: Double? = nil, attempts: Int? = nil
    ) {
        self.status = status
        self.response = response
        self.ai = ai
        self.executionTime = executionTime
        self.tokensUsed = tokensUsed
        self.error = error
        self.startedAt = startedAt
        self.attempts = attempts
    }
}

/// How a whole plan ended (§5's answer).
public struct BulkRunResult: Sendable, Equatable {
    /// The plan's outcome.
    public enum Status: String, Sendable, Equatable {
        /// Every operation succeeded.
        case completed
        /// Some succeeded, some did not.
        case partial
        /// None succeeded.
        case failed
    }

    /// An id for the run (`bulk_…` locally; the server's otherwise).
    public var requestID: String
    /// Seconds the whole plan took.
    public var executionTime: Double
    /// Each operation's result, in the plan's order.
    public var results: [(id: String, result: BulkOperationResult)]
    /// Whether Ctrl-C (or the caller) stopped the run before its end.
    public var interrupted: Bool
    /// Where the plan ran: `local` (aish ran the graph) or `server` (`POST /api/v2/bulk`).
    public var executedBy: String

    /// Creates a result.
    public init(
        requestID: String, executionTime: Double, results: [(id: String, result: BulkOperationResult)],
        interrupted: Bool = false, executedBy: String
    ) {
        self.requestID = requestID
        self.executionTime = executionTime
        self.results = results
        self.interrupted = interrupted
        self.executedBy = executedBy
    }

    /// Completed when every operation succeeded, failed when none did, else partial.
    public var status: Status {
        let successes = results.filter { $0.result.status == .success }.count
        if successes == results.count { return .completed }
        return successes == 0 ? .failed : .partial
    }

    /// The tokens of every successful operation.
    public var totalTokens: Int {
        results.reduce(0) { $0 + ($1.result.tokensUsed ?? 0) }
    }

    /// ``totalTokens``, or nil when nothing was counted (a v1 server counts no tokens).
    public var countedTokens: Int? {
        results.contains { $0.result.tokensUsed != nil } ? totalTokens : nil
    }

    /// The result of operation `id`.
    public func result(_ id: String) -> BulkOperationResult? {
        results.first { $0.id == id }?.result
    }

    /// How many operations ended with `status`.
    public func count(_ status: BulkOperationResult.Status) -> Int {
        results.filter { $0.result.status == status }.count
    }

    public static func == (lhs: BulkRunResult, rhs: BulkRunResult) -> Bool {
        lhs.requestID == rhs.requestID && lhs.executionTime == rhs.executionTime
            && lhs.results.elementsEqual(rhs.results) { $0.id == $1.id && $0.result == $1.result }
            && lhs.interrupted == rhs.interrupted && lhs.executedBy == rhs.executedBy
    }
}
