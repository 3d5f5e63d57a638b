import AishKit
import AishTestSupport
import Foundation

/// The PostgreSQL session store in this process against a throwaway cluster over
/// loopback TCP (127.0.0.1, a free port): create, read and append (p99 targets 2 ms,
/// 1 ms, 2 ms), listing and searching 10,000 sessions (list p50 ≤ 100 ms), and what
/// checkpointing to it costs a 20,000-token reply (at most 3% slower).
struct PostgresStoreBenchmark: Benchmark {
    var id: String { "sessions-postgres" }

    func run(_ context: BenchContext) async throws -> [BenchResult] {
        let cluster = await PostgresTestCluster.starting(port: try LoopbackSocket.freePort())
        let url = try PostgresURL(parsing: try await cluster.freshDatabase(), source: "bench")
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("aishbench-pg-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let key = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let environment = ["AISH_SESSION_KEY": key]
        let store = try await PostgresSessionStore.open(
            url, keyring: SessionKeyring(environment: environment, filePath: folder + "/session.key"),
            environment: environment, home: folder)
        let label = " (PostgreSQL)"
        var results = try await SessionStoreBenchmark.operations(
            store, runs: context.runs(full: 2_000, quick: 300), limits: (2_000, 1_000, 2_000),
            note: "PostgreSQL 127.0.0.1 TCP, AES-GCM per row", label: label)
        results += try await SessionStoreBenchmark.bigStore(
            store, runs: context.runs(full: 20, quick: 5), limits: (100_000, 400_000), label: label)
        results += try await CheckpointOverhead(store: store, label: label).run(
            runs: context.runs(full: CheckpointOverhead.fullRuns, quick: 8))
        return results
    }
}
