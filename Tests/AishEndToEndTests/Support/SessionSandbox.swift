import Foundation
import Testing

/// Folders for aish's session database, key and caches during a test, so no test
/// reads or writes the user's `~/.local/share/aish`, `~/.config/aish` or `~/.cache/aish`.
///
/// ``AishProcess`` and ``PseudoTerminal`` put every run in ``shared`` unless a test
/// passes a sandbox's ``environment`` of its own.
struct SessionSandbox: Sendable {
    let path: String

    /// One sandbox for the whole test run, for tests that do not look at sessions.
    static let shared: SessionSandbox = {
        let sandbox = SessionSandbox(name: "aish-e2e-\(ProcessInfo.processInfo.processIdentifier)")
        atexit { try? FileManager.default.removeItem(atPath: sharedPath) }
        return sandbox
    }()

    private static var sharedPath: String { shared.path }

    /// A new empty sandbox.
    init(name: String = "aish-e2e-\(UUID().uuidString)") {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent(name)
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// XDG folders inside the sandbox, and aish's own session variables cleared.
    var environment: [String: String] {
        [
            "XDG_DATA_HOME": (path as NSString).appendingPathComponent("data"),
            "XDG_CONFIG_HOME": (path as NSString).appendingPathComponent("config"),
            // Discovery's cache too, so no test reads or writes ~/.cache/aish.
            "XDG_CACHE_HOME": (path as NSString).appendingPathComponent("cache"),
            "AISH_DB": "", "AISH_SESSION_KEY": "", "AISH_SESSION_TTL": "",
            "AISH_TOKEN": "", "AISH_TOKEN_FILE": "", "AISH_CACERT": "", "AISH_CONFIG": "",
            "AISH_SPECIALIST": "", "AISH_TRANSPORT": "", "AISH_COLOR": "", "AISH_HISTORY_SIZE": "",
            "AISH_SESSION_CHECKPOINT_INTERVAL": "", "AISH_TIMEOUTS_FIRST_ANSWER": "",
            // The whole suite runs at once on 2 cores, and in CI a WebSocket upgrade to the
            // in-process mock has taken longer than the default 10 s to connect. The
            // connect deadline has tests of its own (AishKitTests, with their own bounds).
            "AISH_TIMEOUTS_CONNECT": "60s",
            "AISH_TIMEOUTS_SILENCE": "", "AISH_NO_SAVE": "", "AISH_SESSION_SAVE": "",
            "AISH_PROVIDER_URL": "", "AISH_PROVIDER_KEY": "", "AISH_PROVIDER_MODELS": "",
            "AISH_SESSION_STORE": "", "PGPASSWORD": "", "PGPASSFILE": "",
        ]
    }

    /// The database file aish uses in this sandbox.
    var databasePath: String { (path as NSString).appendingPathComponent("data/aish/sessions.sqlite") }
    /// The key file aish uses in this sandbox.
    var keyPath: String { (path as NSString).appendingPathComponent("config/aish/session.key") }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Runs `body` with a new sandbox, removed afterwards.
    static func with<T>(_ body: (SessionSandbox) async throws -> T) async throws -> T {
        let sandbox = SessionSandbox()
        defer { sandbox.remove() }
        return try await body(sandbox)
    }
}

/// One row of `aish sessions --json`.
struct ListedSession: Decodable {
    var id: String
    var title: String
    var specialist: String
    var messageCount: Int
}

extension SessionSandbox {
    /// The sessions `aish sessions --json` lists in this sandbox, newest first.
    func listedSessions() async throws -> [ListedSession] {
        let result = try await AishProcess.run(["sessions", "--json"], environment: environment)
        #expect(result.status == 0, "stderr: \(result.errors)")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode([ListedSession].self, from: result.stdout)
    }
}
