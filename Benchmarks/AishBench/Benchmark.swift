/// One benchmark: it runs, and returns rows for the results table.
///
/// To add one (WebSocket, sessions, bulk, rendering…), write a type conforming to
/// this protocol in its own file and list it in ``BenchmarkSuite/all``.
protocol Benchmark: Sendable {
    /// A short id for `--only` (kebab case, such as `startup`).
    var id: String { get }
    /// Measures, and returns one row per figure (a benchmark may report several).
    func run(_ context: BenchContext) async throws -> [BenchResult]
}

/// What every benchmark gets: the binary under test and the run length.
struct BenchContext: Sendable {
    /// The `aish` binary to spawn.
    let aishPath: String
    /// The Swift hello world `startup` compares with.
    let helloPath: String
    /// Whether `--quick` was given.
    let quick: Bool

    /// `full` runs normally, `quick` runs with `--quick`.
    func runs(full: Int, quick: Int) -> Int { self.quick ? quick : full }

    /// Unrecorded runs before measuring, so the binary and its libraries are in the page cache.
    var warmupRuns: Int { quick ? 1 : 3 }
}

/// Every benchmark `make bench` runs, in order. Add new benchmarks here.
enum BenchmarkSuite {
    static let all: [any Benchmark] = [
        StartupBenchmark(),
        FirstTokenBenchmark(),
        LongReplyBenchmark.twentyThousandTokens,
        LongReplyBenchmark.twoHundredThousandTokens,
        LongReplyBenchmark.twentyThousandTokensOpenAI,
        MarkdownRenderBenchmark.twentyThousandTokens,
        MarkdownRenderBenchmark.twoHundredThousandTokens,
        SessionStoreBenchmark(),
        PostgresStoreBenchmark(),
        WebSocketBenchmark(),
        BulkBenchmark(),
        ShellCPUBenchmark(),
    ]
}
