/// What a live view knows about a running plan, built from ``BulkEvent``s.
/// A value type: the view's owner keeps it behind a lock and draws snapshots.
public struct BulkProgress: Sendable {
    /// One operation as the view shows it.
    public struct Entry: Sendable, Equatable {
        /// Where the operation is.
        public enum Phase: Sendable, Equatable {
            case waiting
            case running
            case retrying(delay: Double, reason: String)
            case ended(BulkOperationResult.Status)
        }

        public var id: String
        public var ai: String
        public var dependsOn: [String]
        public var phase: Phase = .waiting
        public var attempt = 0
        /// Seconds since the plan started, when it (first) started.
        public var startedAt: Double?
        /// Seconds it took, once ended.
        public var executionTime: Double?
        public var tokens = 0
        /// The end of the reply text so far (a bounded tail), or the response's start once done.
        public var preview = ""
        /// Why it failed, was skipped or cancelled.
        public var error: String?
        /// Seconds since the plan started, when it ended.
        public var endedAt: Double?
    }

    /// The operations, in the plan's order.
    public private(set) var entries: [Entry]
    private var positions: [String: Int]

    /// The most characters of reply text kept for a preview.
    static let previewLimit = 400

    /// Every operation of `plan`, waiting.
    public init(plan: BulkPlan) {
        entries = plan.operations.map { Entry(id: $0.id, ai: $0.ai, dependsOn: $0.dependsOn) }
        positions = Dictionary(
            plan.operations.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Takes in one event.
    public mutating func apply(_ event: BulkEvent) {
        switch event {
        case .started(let id, let ai, let attempt, let at):
            update(id) { entry in
                entry.phase = .running
                entry.ai = ai
                entry.attempt = attempt
                entry.startedAt = entry.startedAt ?? at
                entry.tokens = 0
                entry.preview = ""
            }
        case .text(let id, let chunk, let tokens):
            update(id) { entry in
                entry.tokens += tokens
                entry.preview += chunk
                if entry.preview.count > Self.previewLimit * 2 {
                    entry.preview = String(entry.preview.suffix(Self.previewLimit))
                }
            }
        case .retrying(let id, _, let delay, let reason, _):
            update(id) { $0.phase = .retrying(delay: delay, reason: reason) }
        case .finished(let id, let result, let at):
            update(id) { entry in
                entry.phase = .ended(result.status)
                entry.executionTime = result.executionTime
                entry.tokens = result.tokensUsed ?? entry.tokens
                entry.error = result.error
                entry.endedAt = at
                if let response = result.response { entry.preview = String(response.prefix(Self.previewLimit)) }
                if let ai = result.ai { entry.ai = ai }
            }
        }
    }

    /// How many operations ended with `status`.
    public func count(_ status: BulkOperationResult.Status) -> Int {
        entries.filter { $0.phase == .ended(status) }.count
    }

    private mutating func update(_ id: String, _ change: (inout Entry) -> Void) {
        guard let position = positions[id] else { return }
        change(&entries[position])
    }
}
