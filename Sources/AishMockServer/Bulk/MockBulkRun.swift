/// Runs a checked plan on the mock: each operation's reply is the one the stream
/// routes would give for the same message (same text, same token count), taking as
/// long as the configured pacing says, with `{opN}` filled in, parallel (at most 20
/// at once) or sequential, timeouts kept, and downstream operations skipped after a
/// failure.
struct MockBulkRun: Sendable {
    let plan: MockBulkPlan
    let state: MockServerState
    let faults: FaultPlan

    /// The most operations at once in a parallel plan.
    static let maxParallel = 20

    private enum Outcome: Sendable {
        case success(text: String, tokens: Int)
        case failed(String)
    }

    private struct Ending: Sendable {
        let outcome: Outcome
        let startedAt: Double
        let executionTime: Double
    }

    /// The §5 answer.
    func run() async -> JSONValue {
        let start = ContinuousClock.now
        let deadline = plan.timeout.map { start + .seconds($0) }
        let graph = MockBulkGraph(plan.operations)
        let count = plan.operations.count
        var results = [JSONValue?](repeating: nil, count: count)
        var succeeded = Set<Int>()
        /// The failed operation behind each failure or skip.
        var failedRoot: [Int: Int] = [:]
        var started = Set<Int>()
        var responses: [String: String] = [:]
        var totalTokens = 0
        let capacity = plan.sequential ? 1 : Self.maxParallel
        await withTaskGroup(of: (Int, Ending).self) { group in
            var running = 0
            while true {
                for index in 0..<count where !started.contains(index) {
                    if let cause = skipCause(index, graph: graph, failedRoot: failedRoot, deadline: deadline) {
                        started.insert(index)
                        failedRoot[index] = cause.root ?? index
                        results[index] = .object(["status": "skipped", "error": .string(cause.text)])
                        continue
                    }
                    guard running < capacity, graph.dependencies[index].allSatisfy(succeeded.contains) else { continue }
                    started.insert(index)
                    running += 1
                    let operation = plan.operations[index]
                    let message = MockPlaceholders.fill(
                        operation.message, with: responses.filter { operation.dependsOn.contains($0.key) })
                    group.addTask {
                        (index, await execute(operation, message: message, start: start, planDeadline: deadline))
                    }
                }
                guard running > 0, let (index, ending) = await group.next() else { break }
                running -= 1
                let operation = plan.operations[index]
                var entry: [JSONValue.Member] = []
                switch ending.outcome {
                case .success(let text, let tokens):
                    succeeded.insert(index)
                    responses[operation.id] = text
                    totalTokens += tokens
                    entry = [
                        .init(name: "status", value: "success"), .init(name: "response", value: .string(text)),
                        .init(name: "ai", value: .string(operation.specialist.id)),
                        .init(name: "execution_time", value: .double(Self.rounded(ending.executionTime))),
                        .init(name: "tokens_used", value: .int(tokens)),
                    ]
                case .failed(let reason):
                    failedRoot[index] = index
                    entry = [
                        .init(name: "status", value: "failed"),
                        .init(name: "ai", value: .string(operation.specialist.id)),
                        .init(name: "execution_time", value: .double(Self.rounded(ending.executionTime))),
                        .init(name: "error", value: .string(reason)),
                    ]
                }
                entry.append(.init(name: "started_at", value: .double(Self.rounded(ending.startedAt))))
                results[index] = .object(entry)
            }
        }
        let status = succeeded.count == count ? "completed" : succeeded.isEmpty ? "failed" : "partial"
        return .object([
            "request_id": .string("bulk_" + StreamRegistry.makeRequestID().dropFirst(4)),
            "status": .string(status),
            "execution_time": .double(Self.rounded((ContinuousClock.now - start).mockSeconds)),
            "results": .object(
                plan.operations.indices.map { .init(name: plan.operations[$0].id, value: results[$0] ?? .null) }),
            "total_tokens": .int(totalTokens),
        ])
    }

    /// Why a waiting operation will not run: a failed dependency, or the plan's timeout.
    private func skipCause(
        _ index: Int, graph: MockBulkGraph, failedRoot: [Int: Int], deadline: ContinuousClock.Instant?
    ) -> (text: String, root: Int?)? {
        let dependencies = graph.dependencies[index]
        if let direct = dependencies.first(where: { failedRoot[$0] == $0 }) {
            return ("dependency \(graph.ids[direct]) failed", direct)
        }
        if let via = dependencies.first(where: { failedRoot[$0] != nil }), let root = failedRoot[via] {
            return ("upstream operation \(graph.ids[root]) failed", root)
        }
        if let deadline, ContinuousClock.now >= deadline {
            return ("not started: the plan's timeout of \(Self.seconds(plan.timeout)) ran out", nil)
        }
        return nil
    }

    private func execute(
        _ operation: MockBulkPlan.Operation, message: String, start: ContinuousClock.Instant,
        planDeadline: ContinuousClock.Instant?
    ) async -> Ending {
        let began = ContinuousClock.now
        func ending(_ outcome: Outcome) -> Ending {
            Ending(
                outcome: outcome, startedAt: (began - start).mockSeconds,
                executionTime: (ContinuousClock.now - began).mockSeconds)
        }
        guard operation.specialist.healthy && !faults.unavailable else {
            return ending(.failed("Specialist '\(operation.specialist.id)' is not available."))
        }
        let reply = Reply(specialist: operation.specialist, message: message, maxTokens: operation.maxTokens)
        var text = ""
        var tokens = 0
        for token in reply.tokens() {
            text += token
            tokens += 1
        }
        let pacing = state.pacing(for: faults)
        let duration =
            pacing.unpaced
            ? pacing.firstEventDelay
            : pacing.firstEventDelay + .seconds(Double(max(tokens - 1, 0)) / pacing.eventsPerSecond)
        let ownDeadline = operation.timeout.map { began + .seconds($0) }
        let finish = began + duration
        if let limit = [ownDeadline, planDeadline].compactMap({ $0 }).min(), limit < finish {
            try? await Task.sleep(until: limit, clock: .continuous)
            let reason =
                limit == ownDeadline
                ? "timed out after \(Self.seconds(operation.timeout))"
                : "the plan's timeout of \(Self.seconds(plan.timeout)) ran out"
            return ending(.failed(reason))
        }
        try? await Task.sleep(until: finish, clock: .continuous)
        return ending(.success(text: text, tokens: tokens))
    }

    private static func rounded(_ seconds: Double) -> Double { (seconds * 1000).rounded() / 1000 }

    private static func seconds(_ value: Double?) -> String {
        guard let value else { return "?" }
        return (Int(exactly: value).map(String.init) ?? String(value)) + " s"
    }
}

extension Duration {
    /// The duration in seconds.
    var mockSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
