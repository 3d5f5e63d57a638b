import AishKit
import Testing

/// An executor whose behaviour each test scripts, recording every request.
private struct ScriptedExecutor: BulkOperationExecutor {
    let script: @Sendable (ChatRequest, Int) async throws -> BulkReply
    let requests = LockedBox<[ChatRequest]>([])

    func execute(_ request: ChatRequest, onText: @escaping @Sendable (String, Int) -> Void) async throws -> BulkReply {
        let attempt = requests.withLock { requests -> Int in
            requests.append(request)
            return requests.filter { $0.specialistID == request.specialistID }.count
        }
        let reply = try await script(request, attempt)
        onText(reply.text, reply.tokens ?? 0)
        return reply
    }
}

private func operation(_ id: String, _ message: String = "m", after: [String] = [], timeout: Double? = nil)
    -> BulkOperation
{
    // The specialist is the id, so a script can tell operations apart.
    BulkOperation(id: id, ai: id, message: message, dependsOn: after, timeout: timeout)
}

private let quickRetries = BulkRunner.Options(retry: BulkRetryPolicy(maxRetries: 2, initialDelay: 0.01))

/// The runner with a scripted executor: substitution, skips, retries, timeouts, Ctrl-C.
@Suite struct BulkRunnerTests {
    @Test func responsesFillPlaceholdersAndTheResultIsComplete() async {
        let executor = ScriptedExecutor { request, _ in BulkReply(text: "<\(request.message)>", tokens: 3) }
        let plan = BulkPlan(operations: [
            operation("op1", "first"), operation("op2", "second"),
            operation("op3", "merge {op1} + {op2} {x}", after: ["op1", "op2"]),
        ])
        let result = await BulkRunner(plan: plan, executor: executor).run()
        #expect(result.status == .completed)
        #expect(result.result("op3")?.response == "<merge <first> + <second> {x}>")
        #expect(result.totalTokens == 9)
        #expect(result.results.map(\.id) == ["op1", "op2", "op3"])
        #expect(result.result("op3")?.attempts == 1)
        #expect(!result.interrupted)
    }

    @Test func aFailureSkipsDownstreamAndTheRestGoOn() async {
        let executor = ScriptedExecutor { request, _ in
            if request.specialistID == "op1" {
                throw AishError.specialistFailed(id: "op1", code: "UPSTREAM_FAILED", message: "broken")
            }
            return BulkReply(text: "ok", tokens: 1)
        }
        let plan = BulkPlan(operations: [
            operation("op1"), operation("op2", after: ["op1"]), operation("op3", after: ["op2"]), operation("op4"),
        ])
        let result = await BulkRunner(plan: plan, executor: executor, options: quickRetries).run()
        #expect(result.status == .partial)
        #expect(result.result("op1")?.status == .failed)
        #expect(result.result("op1")?.error == "op1 failed [UPSTREAM_FAILED]: broken.")
        #expect(result.result("op1")?.attempts == 1)
        #expect(result.result("op2") == BulkOperationResult(status: .skipped, error: "dependency op1 failed"))
        #expect(result.result("op3") == BulkOperationResult(status: .skipped, error: "upstream operation op1 failed"))
        #expect(result.result("op4")?.status == .success)
        #expect(executor.requests.withLock { $0.map(\.specialistID) }.sorted() == ["op1", "op4"])
    }

    @Test func transientFailuresAreRetried() async {
        let executor = ScriptedExecutor { request, attempt in
            if attempt < 3 {
                throw AishError.unexpectedStatus(url: "u", status: 429, detail: "RATE_LIMITED: slow down")
            }
            return BulkReply(text: "fine", tokens: 1)
        }
        let events = LockedBox<[BulkEvent]>([])
        let result = await BulkRunner(
            plan: BulkPlan(operations: [operation("op1")]), executor: executor, options: quickRetries
        )
        .run { event in events.withLock { $0.append(event) } }
        #expect(result.result("op1")?.status == .success)
        #expect(result.result("op1")?.attempts == 3)
        let retries = events.withLock { $0 }.compactMap { event -> Int? in
            if case .retrying(_, let attempt, _, _, _) = event { return attempt }
            return nil
        }
        #expect(retries == [2, 3])
    }

    @Test func retriesRunOut() async {
        let executor = ScriptedExecutor { request, _ in
            throw AishError.specialistUnavailable(id: request.specialistID, detail: "down")
        }
        let result = await BulkRunner(
            plan: BulkPlan(operations: [operation("op1")]), executor: executor, options: quickRetries
        )
        .run()
        #expect(result.status == .failed)
        #expect(result.result("op1")?.attempts == 3)
        #expect(result.result("op1")?.error?.hasSuffix("(after 2 retries)") == true)
    }

    @Test func permanentFailuresAreNotRetried() async {
        let executor = ScriptedExecutor { _, _ in throw AishError.unknownSpecialist(name: "x", suggestions: []) }
        let result = await BulkRunner(
            plan: BulkPlan(operations: [operation("op1")]), executor: executor, options: quickRetries
        )
        .run()
        #expect(result.result("op1")?.attempts == 1)
    }

    @Test func anOperationTimesOut() async {
        let executor = ScriptedExecutor { request, _ in
            if request.specialistID == "slow" { try await Task.sleep(for: .seconds(3600)) }
            return BulkReply(text: "ok", tokens: 1)
        }
        let plan = BulkPlan(operations: [
            operation("slow", timeout: 0.2), operation("after", after: ["slow"]), operation("other"),
        ])
        let result = await BulkRunner(plan: plan, executor: executor).run()
        #expect(result.result("slow")?.status == .failed)
        #expect(result.result("slow")?.error == "timed out after 0.2 s")
        #expect((result.result("slow")?.executionTime ?? 0) >= 0.2)
        #expect(result.result("after")?.status == .skipped)
        #expect(result.result("other")?.status == .success)
    }

    @Test func thePlanTimesOut() async {
        let executor = ScriptedExecutor { request, _ in
            if request.specialistID == "slow" { try await Task.sleep(for: .seconds(3600)) }
            return BulkReply(text: "ok", tokens: 1)
        }
        let plan = BulkPlan(
            operations: [operation("quick"), operation("slow"), operation("later", after: ["quick", "slow"])],
            timeout: 1)
        let result = await BulkRunner(plan: plan, executor: executor).run()
        #expect(result.result("quick")?.status == .success)
        #expect(result.result("slow")?.status == .failed)
        #expect(result.result("slow")?.error == "the plan's timeout of 1 s ran out")
        let slow = result.result("slow")
        #expect((slow?.startedAt ?? 0) + (slow?.executionTime ?? 0) >= 1)
        // Which comes first on a loaded machine, slow's failure or the next look at the
        // clock, decides the cause; either way `later` never runs.
        let later = result.result("later")
        #expect(later?.status == .skipped)
        #expect(
            ["dependency slow failed", "not started: the plan's timeout of 1 s ran out"].contains(later?.error ?? ""))
        #expect(result.status == .partial)
    }

    @Test func cancellingKeepsFinishedResults() async {
        let (started, notify) = AsyncStream.makeStream(of: String.self)
        let executor = ScriptedExecutor { request, _ in
            notify.yield(request.specialistID)
            if request.specialistID == "slow" { try await Task.sleep(for: .seconds(3600)) }
            return BulkReply(text: "done", tokens: 2)
        }
        let plan = BulkPlan(
            operations: [operation("quick"), operation("slow"), operation("last", after: ["slow"])],
            execution: .sequential)
        let run = Task { await BulkRunner(plan: plan, executor: executor).run() }
        for await id in started where id == "slow" { break }
        run.cancel()
        let result = await run.value
        #expect(result.interrupted)
        #expect(result.result("quick")?.status == .success)
        #expect(result.result("quick")?.response == "done")
        #expect(result.result("slow")?.status == .cancelled)
        #expect(result.result("last")?.status == .cancelled)
    }

    @Test func neverMoreThanMaxParallelAtOnce() async {
        let gauge = LockedBox((now: 0, peak: 0))
        let executor = ScriptedExecutor { _, _ in
            gauge.withLock {
                $0.now += 1
                $0.peak = max($0.peak, $0.now)
            }
            await Task.yield()
            gauge.withLock { $0.now -= 1 }
            return BulkReply(text: "x", tokens: 1)
        }
        let plan = BulkPlan(operations: (1...12).map { operation("op\($0)") })
        let result = await BulkRunner(plan: plan, executor: executor, options: .init(maxParallel: 3)).run()
        #expect(result.status == .completed)
        #expect(gauge.withLock { $0.peak } <= 3)
    }
}
