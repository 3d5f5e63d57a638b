import AishKit
import AishTestSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The PostgreSQL session store in this process against a throwaway cluster over
/// loopback TCP (127.0.0.1, a free port): create, read and append (p99 targets 2 ms,
/// 1 ms, 2 ms), listing and searching 10,000 sessions (list p50 ≤ 100 ms), and what
/// checkpointing to it costs a 20,000-token reply (at most 3% slower).
struct PostgresStoreBenchmark: Benchmark {
    var id: String { "sessions-postgres" }

    func run(_ context: BenchContext) async throws -> [BenchResult] {
        let cluster = PostgresTestCluster(port: try Self.freePort())
        let url = try PostgresURL(parsing: try cluster.freshDatabase(), source: "bench")
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
            runs: context.runs(full: 30, quick: 8))
        return results
    }

    /// A TCP port on 127.0.0.1 that nothing listens on now (the OS picks it).
    private static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw BenchError.system("socket") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard bound else { throw BenchError.system("bind") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
