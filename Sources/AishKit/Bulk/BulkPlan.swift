/// A bulk plan (PROTOCOL.md §5): operations sent to specialists, some waiting for
/// others' answers, run in parallel or one at a time.
///
/// Made by ``BulkPlan/parse(_:)``, which reports every problem of the file at once;
/// a plan that parsed has passed every check that needs no server (see
/// ``BulkPlan/problems(resolvingWith:)`` for the specialists).
public struct BulkPlan: Sendable, Equatable {
    /// The operations, in the file's order.
    public var operations: [BulkOperation]
    /// How the operations run.
    public var execution: BulkExecution
    /// Seconds the whole plan may take, if limited.
    public var timeout: Double?

    /// The most operations a plan may hold (PROTOCOL.md §8).
    public static let maxOperations = 100
    /// The most operations running at once in a parallel plan, unless told otherwise.
    public static let defaultMaxParallel = 20

    /// Creates a plan.
    public init(operations: [BulkOperation], execution: BulkExecution = .parallel, timeout: Double? = nil) {
        self.operations = operations
        self.execution = execution
        self.timeout = timeout
    }

    /// The operation with `id`, if any.
    public func operation(_ id: String) -> BulkOperation? {
        operations.first { $0.id == id }
    }
}

/// How a plan's operations run.
public enum BulkExecution: String, Sendable, Equatable, CaseIterable {
    /// Every operation starts as soon as its dependencies are done.
    case parallel
    /// One operation at a time, in a dependency order that keeps the file's order
    /// where it can.
    case sequential
}
