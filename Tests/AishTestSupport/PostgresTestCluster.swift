import AishKit
import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway PostgreSQL cluster for this test run: `initdb` in a temporary folder,
/// started on first use with a Unix socket in that folder (no TCP port at all), a
/// password for user `aish` (scram-sha-256), and stopped and removed when the test
/// process exits. Each test takes a database of its own (``freshDatabase()``).
///
/// Debian's `postgresql` package provides the programs (`make test` installs it).
/// `initdb` refuses to run as root, so as root the cluster runs as user `postgres`.
public final class PostgresTestCluster: Sendable {
    /// The cluster's user and password.
    public static let user = "aish"
    public static let password = "cluster-password-\(getpid())"

    /// What failed while starting the cluster.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The cluster most tests share; tests that stop the server start their own.
    public static let shared = PostgresTestCluster()

    private let started: Result<String, Failure>
    private let counter = Mutex(0)
    /// The TCP port on 127.0.0.1 the server listens on, if any (else its socket only).
    public let port: Int?
    /// Whether the server offers TLS (with ``init(port:tls:)``'s certificate).
    public let offersTLS: Bool

    /// Starts a cluster of its own (stopped and removed when the process exits),
    /// listening on its Unix socket, and on 127.0.0.1:`port` when one is given; with
    /// `tls` (PEM files of a certificate and its key), the server offers TLS.
    public init(port: Int? = nil, tls: (certificate: String, key: String)? = nil) {
        self.port = port
        offersTLS = tls != nil
        started = Result { () throws(Failure) -> String in try Self.start(port: port, tls: tls) }
    }

    /// A cluster of its own, as ``init(port:tls:)`` starts it, started on a thread
    /// of its own: the cluster's programs (`initdb`, `pg_ctl`, `createdb`, `pg_dump`)
    /// block for seconds on a busy machine, so each call here waits for them off the
    /// cooperative pool (``onThreadOfItsOwn(_:)``).
    public static func starting(port: Int? = nil, tls: (certificate: String, key: String)? = nil) async
        -> PostgresTestCluster
    {
        await onThreadOfItsOwn { PostgresTestCluster(port: port, tls: tls) }
    }

    /// The folder holding the data, the log and the socket.
    public func folder() throws -> String { try started.get() }

    /// The URL of a new, empty database on the shared cluster (started on first use).
    public static func freshDatabase() async throws -> String { try await shared().freshDatabase() }

    /// `pg_dump` of the database at `url` on the shared cluster.
    public static func dump(_ url: String) async throws -> String { try await shared().dump(url) }

    /// The shared cluster, started (on first use) off the cooperative pool.
    private static func shared() async -> PostgresTestCluster { await onThreadOfItsOwn { shared } }

    /// The URL of a new, empty database on the cluster, with the password in it.
    public func freshDatabase() async throws -> String {
        try await onThreadOfItsOwn { try self.makeDatabase() }
    }

    private func makeDatabase() throws -> String {
        let folder = try folder()
        // createdb reaches the server over its socket, whatever else it listens on.
        let number = counter.withLock { value in
            value += 1
            return value
        }
        let name = "aish_test_\(number)"
        try Self.run(
            Self.binary("createdb"), ["-h", folder, "-p", String(port ?? 5432), "-U", Self.user, name],
            environment: ["PGPASSWORD": Self.password])
        if let port { return "postgres://\(Self.user):\(Self.password)@127.0.0.1:\(port)/\(name)?sslmode=disable" }
        return "postgres://\(Self.user):\(Self.password)@/\(name)?host=\(folder)"
    }

    /// A URL for `database` without the password (for tests of where it comes from).
    public static func urlWithoutPassword(of url: String) -> String {
        url.replacingOccurrences(of: "\(user):\(password)@", with: "\(user)@")
    }

    /// Runs `pg_dump` of the database at `url` and returns the dump (plain SQL).
    public func dump(_ url: String) async throws -> String {
        try await onThreadOfItsOwn { try self.dumpNow(url) }
    }

    private func dumpNow(_ url: String) throws -> String {
        let database = try PostgresURL(parsing: url, source: "test").database
        return try Self.run(
            Self.binary("pg_dump"),
            ["-h", try folder(), "-p", String(port ?? 5432), "-U", Self.user, "--data-only", "--inserts", database],
            environment: ["PGPASSWORD": Self.password])
    }

    /// Stops the server (`pg_ctl stop -m fast`), for tests of a store that went away.
    public func stopServer() async throws {
        let folder = try folder()
        try await onThreadOfItsOwn {
            _ = try Self.asOwner(Self.binary("pg_ctl"), ["-D", folder + "/data", "-m", "fast", "-w", "stop"])
        }
    }

    /// Starts the server again after ``stopServer()``.
    public func startServer() async throws {
        let (folder, port, tls) = (try folder(), port, offersTLS)
        try await onThreadOfItsOwn { try Self.startServer(in: folder, port: port, tls: tls) }
    }

    private static func startServer(in folder: String, port: Int?, tls: Bool) throws {
        var listen = port.map { "-c listen_addresses=127.0.0.1 -c port=\($0)" } ?? "-c listen_addresses="
        if tls { listen += " -c ssl=on -c ssl_cert_file=\(folder)/server.crt -c ssl_key_file=\(folder)/server.key" }
        try asOwner(
            binary("pg_ctl"),
            [
                "-D", folder + "/data", "-l", folder + "/log", "-w", "-o",
                "\(listen) -c unix_socket_directories=\(folder) -c fsync=off -c full_page_writes=off",
                "start",
            ])
    }

    // MARK: - Starting and stopping

    private static func start(port: Int?, tls: (certificate: String, key: String)?) throws(Failure) -> String {
        var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("aish-pg-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw Failure(description: "cannot make a temporary folder") }
        let folder = String(cString: made)
        do {
            if let tls {
                try FileManager.default.copyItem(atPath: tls.certificate, toPath: folder + "/server.crt")
                try FileManager.default.copyItem(atPath: tls.key, toPath: folder + "/server.key")
                chmod(folder + "/server.key", 0o600)
            }
            let passwordFile = folder + "/password"
            try Data(password.utf8).write(to: URL(fileURLWithPath: passwordFile))
            if getuid() == 0 { try run("/bin/chown", ["-R", "postgres", folder], environment: [:]) }
            try asOwner(
                binary("initdb"),
                [
                    "-D", folder + "/data", "-U", user, "--pwfile", passwordFile, "--auth", "scram-sha-256",
                    "-E", "UTF8", "--locale", "C", "--no-sync",
                ])
            let first = clusterFolders.withLock { folders in
                folders.append(folder)
                return folders.count == 1
            }
            if first { atexit { PostgresTestCluster.stopAtExit() } }
            try startServer(in: folder, port: port, tls: tls != nil)
            return folder
        } catch {
            throw Failure(description: "cannot start a PostgreSQL cluster in \(folder): \(error)")
        }
    }

    private static let clusterFolders = Mutex<[String]>([])

    private static func stopAtExit() {
        for folder in clusterFolders.withLock({ $0 }) {
            _ = try? asOwner(binary("pg_ctl"), ["-D", folder + "/data", "-m", "immediate", "-w", "stop"])
            try? FileManager.default.removeItem(atPath: folder)
        }
    }

    /// The PostgreSQL program `name`: Debian keeps them in /usr/lib/postgresql/VERSION/bin.
    private static func binary(_ name: String) -> String {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        let newest = versions.compactMap(Int.init).max().map { "\(root)/\($0)/bin/\(name)" }
        return newest ?? "/usr/bin/\(name)"
    }

    /// Runs a cluster program as the cluster's owner: `postgres` when we are root.
    @discardableResult
    private static func asOwner(_ program: String, _ arguments: [String]) throws -> String {
        if getuid() == 0 {
            return try run("/usr/sbin/runuser", ["-u", "postgres", "--", program] + arguments, environment: [:])
        }
        return try run(program, arguments, environment: [:])
    }

    @discardableResult
    private static func run(_ program: String, _ arguments: [String], environment: [String: String]) throws
        -> String
    {
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        let child = try SpawnedProcess.spawn(program, arguments, environment: env, output: .pipe, errors: .pipe)
        let errors = child.errors
        let errorText = LockedBox<[UInt8]>([])
        let read = DispatchSemaphore(value: 0)
        Thread {
            errorText.withLock { $0 = errors.map(SpawnedProcess.readToEnd) ?? [] }
            read.signal()
        }.start()
        let output = child.output.map(SpawnedProcess.readToEnd) ?? []
        let status = child.wait()
        read.wait()
        guard status == 0 else {
            let text = String(decoding: errorText.withLock { $0 }, as: UTF8.self)
            throw Failure(description: "\(program) \(arguments.first ?? "") exited with \(status): \(text)")
        }
        return String(decoding: output, as: UTF8.self)
    }
}
