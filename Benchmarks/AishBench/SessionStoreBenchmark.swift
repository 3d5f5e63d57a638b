import AishKit
import Foundation

/// The session store in this process, on a real SQLite file in a temporary folder:
/// creating a session, reading one back, appending a message (p99 targets 1 ms,
/// 0.2 ms, 1 ms), then listing and searching 10,000 sessions (p50 targets 50 ms and
/// 200 ms), and what checkpointing costs a 20,000-token reply (at most 3% slower).
struct SessionStoreBenchmark: Benchmark {
    var id: String { "sessions" }

    /// Sessions in the big store; each holds a question and a reply of about 1 KB.
    static let sessionCount = 10_000

    func run(_ context: BenchContext) async throws -> [BenchResult] {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent(
            "aishbench-sessions-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let key = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let store = try SQLiteSessionStore(
            location: SessionLocation(databasePath: folder + "/sessions.sqlite", keyPath: folder + "/session.key"),
            keyring: SessionKeyring(environment: ["AISH_SESSION_KEY": key], filePath: folder + "/session.key"))
        var results = try await Self.operations(
            store, runs: context.runs(full: 2_000, quick: 300), limits: (1_000, 200, 1_000),
            note: "WAL, synchronous=NORMAL, AES-GCM per row")
        results += try await Self.bigStore(
            store, runs: context.runs(full: 20, quick: 5), limits: (50_000, 200_000), label: "")
        results += try await CheckpointOverhead(store: store).run(
            runs: context.runs(full: CheckpointOverhead.fullRuns, quick: 8))
        return results
    }

    /// Create, read and append, each timed alone, with p99 `limits` (µs) for each.
    static func operations(
        _ store: any SessionStore, runs: Int, limits: (create: UInt64, read: UInt64, append: UInt64), note: String,
        label: String = ""
    ) async throws -> [BenchResult] {
        var create = Samples(unit: .microseconds)
        var read = Samples(unit: .microseconds)
        var append = Samples(unit: .microseconds)
        let clock = ContinuousClock()
        for run in 0..<runs {
            var start = clock.now
            let session = try await store.createSession(specialist: "apollo", firstMessage: "question \(run)")
            create.record(clock.now - start)
            start = clock.now
            _ = try await store.append(.question(Self.question, to: "apollo"), toSession: session.id)
            append.record(clock.now - start)
            start = clock.now
            let messages = try await store.messages(inSession: session.id)
            read.record(clock.now - start)
            guard messages.count == 1 else { throw BenchError("read back \(messages.count) messages, not 1") }
        }
        return [
            BenchResult(
                name: "session create\(label)", samples: create, target: .required(.p99, atMost: limits.create),
                note: "\(runs) runs each; \(note)"),
            BenchResult(
                name: "session read (its messages)\(label)", samples: read,
                target: .required(.p99, atMost: limits.read)),
            BenchResult(
                name: "message append\(label)", samples: append, target: .required(.p99, atMost: limits.append)),
        ]
    }

    /// Listing and searching a store of ``sessionCount`` sessions, with p50 `limits` (µs).
    static func bigStore(
        _ store: any SessionStore, runs: Int, limits: (list: UInt64, search: UInt64), label: String
    ) async throws -> [BenchResult] {
        let existing = try await store.sessions().count
        for index in existing..<Self.sessionCount {
            let session = try await store.createSession(
                specialist: "apollo", firstMessage: "question \(index) about retries")
            let reply = try await store.beginExchange(
                inSession: session.id, question: Self.question, specialist: "apollo")
            try await store.update(
                reply, content: Self.reply(index), tokens: 200, status: .complete, isStreaming: false)
        }
        var list = Samples(unit: .microseconds)
        var search = Samples(unit: .microseconds)
        var found = 0
        let clock = ContinuousClock()
        for _ in 0..<runs {
            var start = clock.now
            let sessions = try await store.sessions()
            list.record(clock.now - start)
            guard sessions.count >= Self.sessionCount else { throw BenchError("listed \(sessions.count) sessions") }
            start = clock.now
            found = try await store.search("needle-4242").count
            search.record(clock.now - start)
        }
        guard found == 1 else { throw BenchError("search found \(found) sessions, not 1") }
        return [
            BenchResult(
                name: "list \(Self.sessionCount) sessions\(label)", samples: list,
                target: .required(.p50, atMost: limits.list),
                note: "\(Self.sessionCount) sessions of 2 messages (~1.2 KB each), titles decrypted"),
            BenchResult(
                name: "search \(Self.sessionCount) sessions\(label)", samples: search,
                target: .required(.p50, atMost: limits.search),
                note: "every title and message decrypted and matched in memory"),
        ]
    }

    static let question = "Explain how the retry policy interacts with the session cache when a stream drops."

    /// A reply of about 1 KB; one of them holds the search needle.
    static func reply(_ index: Int) -> String {
        let body = String(
            repeating: "The retry policy backs off exponentially and resumes from the last event id. ", count: 13)
        return index == 4_242 ? body + "needle-4242" : body
    }
}
