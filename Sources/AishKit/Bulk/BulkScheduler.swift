/// Decides which operations of a plan run when. A value-type state machine over a
/// ``BulkGraph``: it is told what finished and answers what to start; it does no I/O
/// and knows no clock, so it is tested alone.
///
/// Ready operations (every dependency succeeded) start in the file's order: in a
/// parallel plan up to `maxParallel` at once, in a sequential one a single one, which
/// makes the order a topological order that keeps the file's order where it can.
/// When an operation fails, everything downstream of it is skipped. Operations given
/// the same lane never run at once (a v1 server takes one request per specialist).
public struct BulkScheduler: Sendable {
    /// Where an operation is.
    public enum State: Sendable, Equatable {
        case waiting
        case running
        case succeeded
        case failed
        /// Not run because `cause` (an upstream failure, a timeout, Ctrl-C).
        case skipped(cause: String)
        case cancelled
    }

    /// The graph being run.
    public let graph: BulkGraph
    /// How many may run at once.
    public let capacity: Int
    /// Each operation's state, by index.
    public private(set) var states: [State]
    private var runningCount = 0
    /// Each operation's lane, by index, if lanes are in use.
    private let lanes: [String]?
    /// The lanes with an operation running.
    private var busyLanes: Set<String> = []
    /// For each operation, how many of its dependencies have not succeeded yet.
    private var unmet: [Int]

    /// A scheduler with nothing started.
    ///
    /// - Parameters:
    ///   - maxParallel: the most operations at once in a parallel plan (at least 1).
    ///   - lanes: for each operation, by index, a lane; at most one operation per lane
    ///     runs at once. `nil`: no such limit.
    public init(
        graph: BulkGraph, execution: BulkExecution, maxParallel: Int = BulkPlan.defaultMaxParallel,
        lanes: [String]? = nil
    ) {
        self.graph = graph
        self.lanes = lanes.flatMap { $0.count == graph.count ? $0 : nil }
        self.capacity = execution == .sequential ? 1 : max(1, maxParallel)
        self.states = Array(repeating: .waiting, count: graph.count)
        self.unmet = graph.dependencies.map(\.count)
    }

    /// Marks as running, and returns, the operations to start now, in the file's order.
    public mutating func startReady() -> [Int] {
        var started: [Int] = []
        for index in states.indices where runningCount < capacity {
            guard states[index] == .waiting, unmet[index] == 0 else { continue }
            if let lane = lanes?[index] {
                guard !busyLanes.contains(lane) else { continue }
                busyLanes.insert(lane)
            }
            states[index] = .running
            runningCount += 1
            started.append(index)
        }
        return started
    }

    /// Records that a running operation succeeded; its dependents may become ready.
    public mutating func succeeded(_ index: Int) {
        guard finish(index, as: .succeeded) else { return }
        for dependent in graph.dependents[index] { unmet[dependent] -= 1 }
    }

    /// Records that a running operation failed (or was cancelled, with
    /// `cancelled`), and skips everything downstream of it that has not run.
    ///
    /// - Returns: the operations skipped now, each with its cause
    ///   (`dependency op1 failed`).
    @discardableResult
    public mutating func failed(_ index: Int, cancelled: Bool = false) -> [(index: Int, cause: String)] {
        guard finish(index, as: cancelled ? .cancelled : .failed) else { return [] }
        let root = graph.ids[index]
        let verb = cancelled ? "was cancelled" : "failed"
        var skipped: [(Int, String)] = []
        for downstream in graph.downstream(of: index) where states[downstream] == .waiting {
            let direct = graph.dependencies[downstream].contains(index)
            let cause = direct ? "dependency \(root) \(verb)" : "upstream operation \(root) \(verb)"
            states[downstream] = .skipped(cause: cause)
            skipped.append((downstream, cause))
        }
        return skipped
    }

    /// Skips every operation still waiting, with `cause`; returns them.
    public mutating func skipWaiting(cause: String) -> [Int] {
        let waiting = states.indices.filter { states[$0] == .waiting }
        for index in waiting { states[index] = .skipped(cause: cause) }
        return waiting
    }

    /// How many operations are running.
    public var running: Int { runningCount }

    /// Whether every operation has reached an end.
    public var isFinished: Bool {
        runningCount == 0 && !states.contains(.waiting)
    }

    private mutating func finish(_ index: Int, as state: State) -> Bool {
        guard states[index] == .running else { return false }
        states[index] = state
        runningCount -= 1
        if let lane = lanes?[index] { busyLanes.remove(lane) }
        return true
    }
}
