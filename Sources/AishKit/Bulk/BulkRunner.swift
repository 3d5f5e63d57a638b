/// Runs a plan here, operation by operation, through a ``BulkOperationExecutor``:
/// the ``BulkScheduler`` decides what starts when, `{opN}` is filled in from the
/// responses, transient failures are retried, timeouts are kept, and cancelling
/// the task (Ctrl-C) cancels what is running while keeping every finished result.
public struct BulkRunner: Sendable {
    /// How the runner behaves.
    public struct Options: Sendable, Equatable {
        /// The most operations at once in a parallel plan.
        public var maxParallel: Int
        /// When failures are retried.
        public var retry: BulkRetryPolicy
        /// Whether at most one request per specialist may be in flight
        /// (``oneRequestPerSpecialist(on:)``).
        public var onePerSpecialist: Bool

        /// Creates options.
        public init(
            maxParallel: Int = BulkPlan.defaultMaxParallel, retry: BulkRetryPolicy = .default,
            onePerSpecialist: Bool = false
        ) {
            self.maxParallel = maxParallel
            self.retry = retry
            self.onePerSpecialist = onePerSpecialist
        }

        /// Whether a server with `capabilities` takes only one request per specialist
        /// at a time: a v1-only one (Tekton's Rhetor keeps one socket per specialist,
        /// and a second request in flight to the same one fails). Different
        /// specialists still run in parallel.
        public static func oneRequestPerSpecialist(on capabilities: ServerCapabilities) -> Bool {
            capabilities.isV1Only
        }
    }

    /// The plan, its `ai`s already resolved to the server's ids.
    public let plan: BulkPlan
    /// What sends each operation.
    public let executor: any BulkOperationExecutor
    /// Parallelism and retries.
    public let options: Options
    /// Time, for timeouts, retry waits and the events' offsets.
    public let clock: any AishClock

    /// A runner for `plan`.
    public init(
        plan: BulkPlan, executor: any BulkOperationExecutor, options: Options = Options(),
        clock: any AishClock = SystemClock()
    ) {
        self.plan = plan
        self.executor = executor
        self.options = options
        self.clock = clock
    }

    /// Runs the plan to its end and returns every operation's result. Never throws:
    /// failures are results. When the calling task is cancelled, running operations
    /// end `cancelled`, waiting ones too, and the result says `interrupted`.
    ///
    /// - Parameter onEvent: called for each start, piece of text, retry and end; it
    ///   must return quickly (it is called from the operations' tasks).
    public func run(onEvent: @escaping @Sendable (BulkEvent) -> Void = { _ in }) async -> BulkRunResult {
        let clock = RunClock(clock: self.clock)
        let planDeadline = plan.timeout.map { clock.start + .seconds($0) }
        let graph = BulkGraph(plan.operations)
        var scheduler = BulkScheduler(
            graph: graph, execution: plan.execution, maxParallel: options.maxParallel,
            lanes: options.onePerSpecialist ? plan.operations.map(\.ai) : nil)
        var results = [BulkOperationResult?](repeating: nil, count: graph.count)
        var responses: [String: String] = [:]
        var interrupted = false

        func settle(_ indices: [Int], _ result: BulkOperationResult) {
            for index in indices {
                results[index] = result
                onEvent(.finished(id: graph.ids[index], result: result, at: clock.elapsed))
            }
        }

        await withTaskGroup(of: (Int, BulkOperationResult).self) { group in
            while true {
                if Task.isCancelled {
                    interrupted = true
                    let waiting = scheduler.skipWaiting(cause: "cancelled")
                    settle(
                        waiting, BulkOperationResult(status: .cancelled, error: "not started: the run was cancelled"))
                } else if let planDeadline, clock.now >= planDeadline {
                    let cause = "not started: the plan's timeout of \(Self.seconds(plan.timeout)) ran out"
                    settle(scheduler.skipWaiting(cause: cause), BulkOperationResult(status: .skipped, error: cause))
                }
                for index in scheduler.startReady() {
                    let request = request(for: plan.operations[index], responses: responses)
                    let operation = plan.operations[index]
                    group.addTask {
                        let result = await runOperation(
                            operation, request: request, clock: clock, planDeadline: planDeadline, onEvent: onEvent)
                        return (index, result)
                    }
                }
                if scheduler.running == 0 {
                    // Only a plan that skipped validation can leave operations waiting here.
                    let cause = "waits for operations that cannot finish"
                    settle(scheduler.skipWaiting(cause: cause), BulkOperationResult(status: .skipped, error: cause))
                    break
                }
                guard let (index, result) = await group.next() else { break }
                settle([index], result)
                switch result.status {
                case .success:
                    scheduler.succeeded(index)
                    responses[graph.ids[index]] = result.response ?? ""
                case .failed, .cancelled, .skipped:
                    let cancelled = result.status == .cancelled
                    for (skipped, cause) in scheduler.failed(index, cancelled: cancelled) {
                        settle([skipped], BulkOperationResult(status: cancelled ? .cancelled : .skipped, error: cause))
                    }
                }
            }
        }
        return BulkRunResult(
            requestID: Self.makeRequestID(),
            executionTime: clock.elapsed,
            results: graph.ids.indices.map { index in
                (graph.ids[index], results[index] ?? BulkOperationResult(status: .cancelled, error: "not started"))
            },
            interrupted: interrupted || Task.isCancelled,
            executedBy: "local"
        )
    }

    /// The request for `operation`, its `{opN}` filled in from `responses`.
    func request(for operation: BulkOperation, responses: [String: String]) -> ChatRequest {
        let available = responses.filter { operation.dependsOn.contains($0.key) }
        return ChatRequest(
            specialistID: operation.ai,
            message: BulkPlaceholders.substitute(operation.message, with: available),
            temperature: operation.temperature,
            maxTokens: operation.maxTokens
        )
    }

    /// Runs one operation with its retries, within its own and the plan's deadline.
    private func runOperation(
        _ operation: BulkOperation,
        request: ChatRequest,
        clock: RunClock,
        planDeadline: ContinuousClock.Instant?,
        onEvent: @escaping @Sendable (BulkEvent) -> Void
    ) async -> BulkOperationResult {
        let id = operation.id
        let startedAt = clock.now
        let startOffset = clock.elapsed
        let ownDeadline = operation.timeout.map { startedAt + .seconds($0) }
        let deadline = [ownDeadline, planDeadline].compactMap { $0 }.min()
        let timeoutReason =
            if let ownDeadline, ownDeadline == deadline {
                "timed out after \(Self.seconds(operation.timeout))"
            } else {
                "the plan's timeout of \(Self.seconds(plan.timeout)) ran out"
            }
        var attempt = 0
        func ended(_ status: BulkOperationResult.Status, error: String? = nil, reply: BulkReply? = nil)
            -> BulkOperationResult
        {
            BulkOperationResult(
                status: status, response: reply?.text, ai: operation.ai,
                executionTime: (clock.now - startedAt).seconds, tokensUsed: reply?.tokens, error: error,
                startedAt: startOffset, attempts: attempt)
        }
        while true {
            attempt += 1
            onEvent(.started(id: id, ai: operation.ai, attempt: attempt, at: clock.elapsed))
            do {
                let reply = try await Self.within(deadline, on: clock.clock) {
                    try await executor.execute(request) { chunk, tokens in
                        onEvent(.text(id: id, chunk: chunk, tokens: tokens))
                    }
                }
                return ended(.success, reply: reply)
            } catch is DeadlinePassed {
                return ended(.failed, error: timeoutReason)
            } catch {
                if NetworkFailure.isCancellation(error) {
                    return ended(.cancelled, error: "cancelled while running")
                }
                let reason = (error as? AishError)?.description ?? String(describing: error)
                let retry = attempt
                guard BulkRetryPolicy.isTransient(error), retry <= options.retry.maxRetries else {
                    let retried = retry > 1 ? " (after \(retry - 1) \(retry == 2 ? "retry" : "retries"))" : ""
                    return ended(.failed, error: reason + retried)
                }
                let delay = BulkRetryPolicy.wait(
                    after: error, otherwise: options.retry.delay(beforeRetry: retry))
                if let deadline, clock.now + .seconds(delay) >= deadline {
                    return ended(.failed, error: "\(timeoutReason) while waiting to retry after: \(reason)")
                }
                onEvent(.retrying(id: id, attempt: retry + 1, delay: delay, reason: reason, at: clock.elapsed))
                do {
                    try await clock.clock.sleep(for: .seconds(delay))
                } catch {
                    return ended(.cancelled, error: "cancelled while waiting to retry")
                }
            }
        }
    }

    /// Runs `work`, throwing ``DeadlinePassed`` (and cancelling it) if `deadline` comes first.
    private static func within<T: Sendable>(
        _ deadline: ContinuousClock.Instant?, on clock: any AishClock,
        _ work: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        guard let deadline else { return try await work() }
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await work() }
            group.addTask {
                try await clock.sleep(for: deadline - clock.now)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                try Task.checkCancellation()
                throw DeadlinePassed()
            }
            return value
        }
    }

    /// `2 s`, `0.5 s`.
    static func seconds(_ value: Double?) -> String {
        guard let value else { return "?" }
        return (Int(exactly: value).map(String.init) ?? String(value)) + " s"
    }

    /// `bulk_` and 12 lower-case hex digits.
    static func makeRequestID() -> String {
        let hex = String(UInt64.random(in: 0...0xFFFF_FFFF_FFFF), radix: 16)
        return "bulk_" + String(repeating: "0", count: 12 - hex.count) + hex
    }
}

/// The deadline of a `within` call passed before the work finished.
private struct DeadlinePassed: Error {}

/// The start of a run, and seconds since.
struct RunClock: Sendable {
    let clock: any AishClock
    let start: ContinuousClock.Instant

    init(clock: any AishClock) {
        self.clock = clock
        self.start = clock.now
    }

    var now: ContinuousClock.Instant { clock.now }
    var elapsed: Double { (clock.now - start).seconds }
}
