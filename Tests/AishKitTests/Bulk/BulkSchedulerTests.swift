import AishKit
import Testing

/// The scheduler alone: what starts when, and what a failure skips.
@Suite struct BulkSchedulerTests {
    private func operations(_ spec: [(String, [String])]) -> [BulkOperation] {
        spec.map { BulkOperation(id: $0.0, ai: "a", message: "m", dependsOn: $0.1) }
    }

    /// Runs a scheduler to its end, every operation succeeding as soon as it starts,
    /// finishing the earliest started first; returns the batches started together.
    private func batches(_ operations: [BulkOperation], _ execution: BulkExecution, maxParallel: Int = 20)
        -> [[String]]
    {
        let graph = BulkGraph(operations)
        var scheduler = BulkScheduler(graph: graph, execution: execution, maxParallel: maxParallel)
        var running: [Int] = []
        var batches: [[String]] = []
        while !scheduler.isFinished {
            let started = scheduler.startReady()
            if !started.isEmpty { batches.append(started.map { graph.ids[$0] }) }
            running += started
            guard !running.isEmpty else { break }
            scheduler.succeeded(running.removeFirst())
        }
        return batches
    }

    @Test func parallelStartsEverythingReadyAtOnce() {
        let plan = operations([("op1", []), ("op2", []), ("op3", ["op1"]), ("op4", []), ("op5", ["op3", "op4"])])
        #expect(batches(plan, .parallel) == [["op1", "op2", "op4"], ["op3"], ["op5"]])
    }

    @Test func parallelKeepsToTheLimit() {
        let plan = operations((1...5).map { ("op\($0)", []) })
        #expect(batches(plan, .parallel, maxParallel: 2) == [["op1", "op2"], ["op3"], ["op4"], ["op5"]])
        let twenty = operations((1...25).map { ("op\($0)", []) })
        #expect(batches(twenty, .parallel).first?.count == 20)
    }

    @Test func sequentialKeepsTheFileOrderWhereItCan() {
        let plan = operations([("a", []), ("b", ["c"]), ("c", []), ("d", []), ("e", ["a"])])
        #expect(batches(plan, .sequential) == [["a"], ["c"], ["b"], ["d"], ["e"]])
        let reversed = operations([("op1", ["op2"]), ("op2", ["op3"]), ("op3", [])])
        #expect(batches(reversed, .sequential) == [["op3"], ["op2"], ["op1"]])
    }

    @Test func aFailureSkipsEverythingDownstream() {
        let graph = BulkGraph(
            operations([("op1", []), ("op2", ["op1"]), ("op3", ["op2"]), ("op4", []), ("op5", ["op4", "op3"])]))
        var scheduler = BulkScheduler(graph: graph, execution: .parallel)
        #expect(scheduler.startReady() == [0, 3])
        let skipped = scheduler.failed(0)
        #expect(skipped.map(\.index) == [1, 2, 4])
        #expect(
            skipped.map(\.cause) == [
                "dependency op1 failed", "upstream operation op1 failed", "upstream operation op1 failed",
            ])
        #expect(scheduler.states[4] == .skipped(cause: "upstream operation op1 failed"))
        scheduler.succeeded(3)
        #expect(scheduler.startReady().isEmpty)
        #expect(scheduler.isFinished)
    }

    @Test func lanesKeepOneOperationPerSpecialistRunning() {
        let plan = ["a1", "a2", "b1", "a3", "b2"].map {
            BulkOperation(id: $0, ai: $0.hasPrefix("a") ? "apollo-ci" : "athena-ci", message: "m")
        }
        let graph = BulkGraph(plan)
        var scheduler = BulkScheduler(graph: graph, execution: .parallel, maxParallel: 20, lanes: plan.map(\.ai))
        #expect(scheduler.startReady().map { graph.ids[$0] } == ["a1", "b1"])
        #expect(scheduler.startReady().isEmpty)
        scheduler.failed(0)
        #expect(scheduler.startReady().map { graph.ids[$0] } == ["a2"])
        scheduler.succeeded(2)
        #expect(scheduler.startReady().map { graph.ids[$0] } == ["b2"])
        scheduler.succeeded(1)
        #expect(scheduler.startReady().map { graph.ids[$0] } == ["a3"])
        #expect(scheduler.running == 2)
    }

    @Test func onlyAV1OnlyServerNeedsOneRequestPerSpecialist() {
        #expect(BulkRunner.Options.oneRequestPerSpecialist(on: .v1Only))
        #expect(
            !BulkRunner.Options.oneRequestPerSpecialist(
                on: ServerCapabilities(version: "2.0", apiVersions: ["v1", "v2"])))
    }

    @Test func rhetorsLostSocketsAreTransient() {
        #expect(
            BulkRetryPolicy.isTransient(AishError.specialistFailed(id: "apollo-ci", code: nil, message: "No response")))
        #expect(
            BulkRetryPolicy.isTransient(AishError.specialistFailed(id: "apollo-ci", code: nil, message: "'apollo-ci'")))
        #expect(
            !BulkRetryPolicy.isTransient(AishError.specialistFailed(id: "apollo-ci", code: nil, message: "'athena-ci'"))
        )
        #expect(
            !BulkRetryPolicy.isTransient(AishError.specialistFailed(id: "apollo-ci", code: nil, message: "bad input")))
    }

    @Test func depthCountsTheLongestChain() {
        #expect(BulkGraph(operations([("a", []), ("b", [])])).depth == 1)
        #expect(BulkGraph(operations([("a", []), ("b", ["a"]), ("c", ["b"]), ("d", ["a"])])).depth == 3)
    }
}

@Suite struct BulkPlaceholderTests {
    @Test func substitutesInOnePass() {
        let message = "review {op1} against {op2}; keep {x} and {op3}"
        let filled = BulkPlaceholders.substitute(message, with: ["op1": "A {op2}", "op2": "B"])
        #expect(filled == "review A {op2} against B; keep {x} and {op3}")
        #expect(BulkPlaceholders.names(in: "{{op1}} {op1} {a b} {}") == ["op1"])
        #expect(BulkPlaceholders.substitute("{{op1}}", with: ["op1": "x"]) == "{x}")
    }
}
