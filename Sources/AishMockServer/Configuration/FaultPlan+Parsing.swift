extension FaultPlan {
    /// Parses the header and command-line form of a plan.
    ///
    /// The text is a comma-separated list of `drop-after=N`, `error-at=N`,
    /// `fatal-at=N`, `first-token-delay=SECONDS`, `unavailable`, `rate-limited=N`,
    /// `refuse-stream-options` and `refuse-max-tokens`; blanks around
    /// items and empty items are ignored, and empty text means no faults. An unknown, repeated or
    /// malformed item throws ``MockServerError`` naming that item.
    public init(parsing text: String) throws {
        self.init()
        var seen: Set<String> = []
        for rawItem in text.split(separator: ",") {
            let item = rawItem.trimmingSpaces
            if item.isEmpty { continue }
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = parts[0].trimmingSpaces
            let value = parts.count > 1 ? parts[1].trimmingSpaces : nil
            guard seen.insert(key).inserted else {
                throw MockServerError.invalidFault(item: item, reason: "\(key) is given twice")
            }
            try self.apply(key: key, value: value, item: item)
        }
    }

    private mutating func apply(key: String, value: String?, item: String) throws {
        switch key {
        case "drop-after":
            self.dropAfterEvents = try Self.count(value, item: item, minimum: 0)
        case "error-at":
            self.recoverableErrorAt = try Self.count(value, item: item, minimum: 1)
        case "fatal-at":
            self.fatalErrorAt = try Self.count(value, item: item, minimum: 1)
        case "first-token-delay":
            guard let value, let seconds = Double(value), seconds.isFinite, seconds >= 0 else {
                throw MockServerError.invalidFault(
                    item: item, reason: "expected seconds ≥ 0, e.g. first-token-delay=2.5")
            }
            self.firstTokenDelay = seconds
        case "rate-limited":
            self.rateLimitedRequests = try Self.count(value, item: item, minimum: 1)
        case "unavailable":
            guard value == nil else {
                throw MockServerError.invalidFault(item: item, reason: "unavailable takes no value")
            }
            self.unavailable = true
        case "refuse-stream-options", "refuse-max-tokens":
            guard value == nil else { throw MockServerError.invalidFault(item: item, reason: "\(key) takes no value") }
            if key == "refuse-max-tokens" { self.refusesMaxTokens = true } else { self.refusesStreamOptions = true }
        default:
            throw MockServerError.invalidFault(
                item: item,
                reason:
                    "unknown fault; expected drop-after=N, error-at=N, fatal-at=N, first-token-delay=S, "
                    + "rate-limited=N, unavailable, refuse-stream-options or refuse-max-tokens"
            )
        }
    }

    private static func count(_ value: String?, item: String, minimum: Int) throws -> Int {
        guard let value, let number = Int(value), number >= minimum else {
            throw MockServerError.invalidFault(item: item, reason: "expected a whole number ≥ \(minimum)")
        }
        return number
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = self.firstIndex(where: { !isBlank($0) }),
            let last = self.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(self[first...last])
    }
}
