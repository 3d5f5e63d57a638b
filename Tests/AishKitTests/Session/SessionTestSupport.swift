import Foundation
import Synchronization
import Testing

@testable import AishKit

/// A fresh folder under the system's temporary directory, deleted by `remove()`.
/// Tests put the database, the key and XDG folders here, never in the user's home.
struct TemporaryFolder: Sendable {
    let path: String

    init() throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("aish-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// The database and key paths inside this folder.
    var location: SessionLocation {
        SessionLocation(databasePath: file("data/aish/sessions.sqlite"), keyPath: file("config/aish/session.key"))
    }

    /// A keyring on this folder's key file (no `AISH_SESSION_KEY`).
    var fileKeyring: SessionKeyring { SessionKeyring(environment: [:], filePath: location.keyPath) }

    /// Opens a store here with the key file (or `environment`) and clock `now`.
    func openStore(
        environment: [String: String] = [:], connections: SQLiteSessionStore.Connections = .pool,
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws -> SQLiteSessionStore {
        try SQLiteSessionStore(
            location: location, keyring: SessionKeyring(environment: environment, filePath: location.keyPath),
            connections: connections, now: now)
    }

    /// Runs `body` with a temporary folder, removed afterwards.
    static func with<T>(_ body: (TemporaryFolder) async throws -> T) async throws -> T {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        return try await body(folder)
    }
}

/// A clock the test moves by hand, for pruning.
final class FakeNow: Sendable {
    private let time: Mutex<Date>
    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { time = Mutex(start) }
    var date: Date { time.withLock { $0 } }
    func advance(days: Double) { time.withLock { $0 = $0.addingTimeInterval(days * 86_400) } }
    var closure: @Sendable () -> Date { { self.date } }
}

/// Expects `body` to throw a ``SessionStoreError`` and returns it.
func expectStoreError(
    _ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation
) async -> SessionStoreError? {
    do {
        try await body()
        Issue.record("expected a SessionStoreError, got success", sourceLocation: sourceLocation)
    } catch let error as SessionStoreError {
        return error
    } catch {
        Issue.record("expected a SessionStoreError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// The bytes of every file of the database: the file, its WAL, shared memory and journal.
func databaseBytes(_ path: String) -> [String: Data] {
    var files: [String: Data] = [:]
    for suffix in ["", "-wal", "-shm", "-journal"] {
        if let data = FileManager.default.contents(atPath: path + suffix) { files[path + suffix] = data }
    }
    return files
}
