import AishKit
import AishMockServer

/// Bulk plans run by aish's own runner (`BulkRunner`, the default of `aish bulk`)
/// against the in-process mock, whose first-token latency gives every operation a
/// fixed duration; replies are a few tokens sent at once.
///
/// - `bulk-20`: 20 independent operations against one operation alone, runs
///   alternating. The 20 run at once, so the plan should take as long as one
///   operation: target p50 ≤ one operation's p50 + 5% (the issue hopes for 1%).
/// - `bulk-100`: 100 operations in 10 levels of 10, each depending on two of the
///   level before; ideally 10 operation times. Reported against that ideal + 5%.
struct BulkBenchmark: Benchmark {
    var id: String { "bulk" }

    /// Each operation's duration: the mock's first-token latency.
    static let latency = 0.5
    /// The deep graph's per-operation latency (ten levels of it).
    static let deepLatency = 0.1

    func run(_ context: BenchContext) async throws -> [BenchResult] {
        var results = try await fanOut(runs: context.runs(full: 20, quick: 4), warmup: context.warmupRuns)
        results += try await deepGraph(runs: context.runs(full: 10, quick: 3), warmup: context.quick ? 1 : 2)
        return results
    }

    private func fanOut(runs: Int, warmup: Int) async throws -> [BenchResult] {
        let configuration = MockServerConfiguration(port: 0, tokensPerSecond: 0, firstTokenLatency: Self.latency)
        return try await withMockServer(configuration) { url in
            let client = try TektonClient(baseURL: url)
            let single = try await client.prepareBulk(Self.independent(1), source: "bench", forcedTransport: nil)
            let twenty = try await client.prepareBulk(Self.independent(20), source: "bench", forcedTransport: nil)
            var one = Samples(unit: .microseconds)
            var all = Samples(unit: .microseconds)
            for run in 0..<(2 * (warmup + runs)) {
                let measured = run >= 2 * warmup
                if run % 2 == 0 {
                    let time = try await Self.time(single)
                    if measured { one.record(time) }
                } else {
                    let time = try await Self.time(twenty)
                    if measured { all.record(time) }
                }
            }
            let limit = one.p50 + one.p50 * 5 / 100
            let overhead = (Double(all.p50) / Double(max(one.p50, 1)) - 1) * 100
            return [
                BenchResult(name: "bulk: 1 operation (0.5 s latency)", samples: one, target: .reportOnly),
                BenchResult(
                    name: "bulk: 20 independent operations", samples: all, target: .required(.p50, atMost: limit),
                    note: "20 operations take \(Self.percent(overhead)) longer than one at p50 (target ≤ 5%, hope ≤ 1%)"
                ),
            ]
        }
    }

    private func deepGraph(runs: Int, warmup: Int) async throws -> [BenchResult] {
        let configuration = MockServerConfiguration(port: 0, tokensPerSecond: 0, firstTokenLatency: Self.deepLatency)
        return try await withMockServer(configuration) { url in
            let client = try TektonClient(baseURL: url)
            let plan = try await client.prepareBulk(Self.layered(), source: "bench", forcedTransport: nil)
            var samples = Samples(unit: .microseconds)
            for run in 0..<(warmup + runs) {
                let time = try await Self.time(plan)
                if run >= warmup { samples.record(time) }
            }
            let ideal = UInt64(10 * Self.deepLatency * 1_000_000)
            let overhead = (Double(samples.p50) / Double(ideal) - 1) * 100
            return [
                BenchResult(
                    name: "bulk: 100 operations, depth 10", samples: samples,
                    target: .reported(.p50, goodAtMost: ideal + ideal * 5 / 100),
                    note: "\(Self.percent(overhead)) over the ideal 10 × \(Self.deepLatency) s at p50")
            ]
        }
    }

    /// Runs a prepared plan once; every operation must succeed.
    private static func time(_ preparation: BulkPreparation) async throws -> Duration {
        let runner = BulkRunner(
            plan: preparation.plan, executor: TransportOperationExecutor(transport: preparation.transport))
        let clock = ContinuousClock()
        let start = clock.now
        let result = await runner.run()
        let elapsed = clock.now - start
        guard result.status == .completed else {
            let failure = result.results.first { $0.result.status != .success }
            throw BenchError("the plan did not complete: \(failure?.id ?? "?") \(failure?.result.error ?? "")")
        }
        return elapsed
    }

    private static func independent(_ count: Int) -> BulkPlan {
        BulkPlan(
            operations: (1...count).map {
                BulkOperation(id: "op\($0)", ai: "apollo", message: "independent question \($0)", maxTokens: 8)
            })
    }

    /// 10 levels of 10; operation j of level k depends on operations j and j+1 of level k-1.
    private static func layered() -> BulkPlan {
        var operations: [BulkOperation] = []
        for level in 0..<10 {
            for index in 0..<10 {
                let dependsOn = level == 0 ? [] : [index, (index + 1) % 10].map { "l\(level - 1)o\($0)" }
                operations.append(
                    BulkOperation(
                        id: "l\(level)o\(index)", ai: "apollo", message: "level \(level) item \(index)",
                        dependsOn: dependsOn, maxTokens: 8))
            }
        }
        return BulkPlan(operations: operations)
    }

    private static func percent(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return (tenths < 0 ? "-" : "") + "\(abs(tenths) / 10).\(abs(tenths) % 10)%"
    }
}
