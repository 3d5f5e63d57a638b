import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import Synchronization

/// The session store on a PostgreSQL server, end-to-end encrypted: titles and
/// message texts are sealed on the client by ``SessionCipher`` exactly as in the
/// SQLite store, so the server (and a `pg_dump` of it) holds ciphertext only (see
/// ``PostgresSchema`` for what is in the clear).
///
/// Several people and machines may share one database: each session records the
/// fingerprint of the key that sealed it, and a store sees the sessions of its own
/// key only. Two machines with the same key file see the same sessions.
///
/// One connection per process, through PostgresNIO. Store calls pass an
/// ``AsyncGate`` one at a time (a transaction's statements never mix with another
/// call's); every write is one statement or one transaction, so several processes
/// writing at once lose nothing: messages are rows of their own, and counters are
/// updated in place (`message_count + 1`).
public final class PostgresSessionStore: SessionStore {
    /// The server and database, without the password.
    public let location: String
    let connection: PostgresConnection
    public let keyring: SessionKeyring
    let cipherBox: LockedBox<SessionCipher>
    let gate = AsyncGate()
    /// Runs the calls on the connection's own event loop, where its answers arrive.
    let executor: EventLoopTaskExecutor
    /// Set once a call got no answer in time: the connection is not used again.
    let broken = LockedBox(false)
    let logger: Logger
    let now: @Sendable () -> Date
    /// This process as the writer of a streaming reply: `HOST pid/start`.
    let writer: String

    /// How long a reply being written on another machine may go without a checkpoint
    /// before it reads as interrupted (its writer cannot be asked whether it lives).
    static let remoteWriterSilence: Double = 600

    init(
        location: String, connection: PostgresConnection, keyring: SessionKeyring, cipher: SessionCipher,
        logger: Logger, now: @escaping @Sendable () -> Date
    ) {
        self.location = location
        self.connection = connection
        self.executor = EventLoopTaskExecutor(connection.eventLoop)
        self.keyring = keyring
        self.cipherBox = LockedBox(cipher)
        self.logger = logger
        self.now = now
        writer = "\(Self.hostName) \(WriterIdentity.current)"
    }

    deinit {
        // The connection must outlive its closing (PostgresNIO asserts it is closed
        // when it goes): the completion holds on to it until then.
        let connection = self.connection
        let closing: EventLoopFuture<Void> = connection.close()
        closing.whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// Connects to `url`, creates or upgrades the schema, takes the key (making one
    /// on first use), and marks as interrupted the replies of this machine whose
    /// writing process has died.
    ///
    /// `makesKey` false (to only read) makes no key file: without a key, a database
    /// that holds sessions is ``SessionStoreError/missingKey(database:keyFile:)`` and
    /// an empty one reads as empty.
    public static func open(
        _ url: PostgresURL, keyring: SessionKeyring, environment: [String: String], home: String,
        makesKey: Bool = true, connectTimeout: Duration = .seconds(5),
        now: @escaping @Sendable () -> Date = { Date() }
    ) async throws -> PostgresSessionStore {
        let location = url.description
        let password: String?
        do { password = try url.resolvedPassword(environment: environment, home: home) } catch {
            throw SessionStoreError.databaseUnavailable(path: location, detail: error.description)
        }
        var logger = Logger(label: "aish.sessions.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        logger.logLevel = .critical
        let connection: PostgresConnection
        do {
            var url = url
            // The CA that --cacert names for the Tekton server serves here too.
            if url.rootCertificate == nil, let ca = environment["AISH_CACERT"], !ca.isEmpty { url.rootCertificate = ca }
            let configuration = try Self.configuration(url, password: password, timeout: connectTimeout)
            connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            throw translate(error, store: location)
        }
        do {
            // A server that takes the connection and then says nothing must not hold up
            // a chat: the set-up is bounded as every call is.
            let quiet = logger
            let migrated: Bool? = try await within(answerBound) {
                try await PostgresSchema.migrate(connection, logger: quiet)
                return true
            }
            guard migrated != nil else {
                throw SessionStoreError.storeUnreachable(
                    store: location, detail: "the server did not answer for \(Int(answerBound.seconds)) s")
            }
            let cipher: SessionCipher
            if let pending = try keyring.pendingKey(),
                try await Self.holdsSessions(sealedBy: SessionCipher(masterKey: pending), connection, logger)
            {
                // A rekey committed here but did not get to replace the key file.
                if makesKey { try keyring.commitStaged() }
                cipher = SessionCipher(masterKey: pending)
            } else if makesKey {
                cipher = SessionCipher(masterKey: try keyring.existingOrNewKey())
            } else if let key = try keyring.existingKey() {
                cipher = SessionCipher(masterKey: key)
            } else {
                var sessions = 0
                for try await count in try await connection.query(
                    "SELECT count(*) FROM aish_session", logger: logger
                ).decode(Int.self) {
                    sessions = count
                }
                guard sessions == 0 else {
                    throw SessionStoreError.missingKey(database: location, keyFile: keyring.filePath)
                }
                // A key used for nothing but reading an empty store, never saved.
                cipher = SessionCipher(masterKey: SessionKey.random())
            }
            let store = PostgresSessionStore(
                location: location, connection: connection, keyring: keyring, cipher: cipher, logger: logger,
                now: now)
            try await store.recoverAbandonedReplies()
            return store
        } catch {
            try? await connection.close()
            if let error = error as? PostgresSchema.NewerSchema {
                throw SessionStoreError.databaseUnavailable(
                    path: location,
                    detail: "a newer aish upgraded its tables to version \(error.version); update aish to use it")
            }
            throw translate(error, store: location)
        }
    }

    /// Whether some session was sealed with `cipher`'s key.
    private static func holdsSessions(
        sealedBy cipher: SessionCipher, _ connection: PostgresConnection, _ logger: Logger
    ) async throws -> Bool {
        for try await _ in try await connection.query(
            "SELECT 1 FROM aish_session WHERE key_fingerprint = \(cipher.fingerprint) LIMIT 1", logger: logger)
        {
            return true
        }
        return false
    }

    /// PostgresNIO's settings for `url`.
    static func configuration(
        _ url: PostgresURL, password: String?, timeout: Duration
    ) throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let socket = url.socketPath {
            configuration = .init(
                unixSocketPath: socket, username: url.user, password: password, database: url.database)
        } else {
            configuration = .init(
                host: url.host ?? "localhost", port: url.port, username: url.user, password: password,
                database: url.database, tls: try tls(url))
        }
        configuration.options.connectTimeout = .nanoseconds(Int64(timeout.seconds * 1e9))
        return configuration
    }

    /// The TLS `url.tls` asks for: libpq's meanings, so `prefer` and `require`
    /// encrypt without checking the certificate, and `verify-ca`/`verify-full`
    /// check it against `sslrootcert` (else the system's CAs).
    private static func tls(_ url: PostgresURL) throws -> PostgresConnection.Configuration.TLS {
        var settings = TLSConfiguration.makeClientConfiguration()
        switch url.tls {
        case .disable:
            return .disable
        case .prefer, .require:
            settings.certificateVerification = .none
        case .verifyCA:
            settings.certificateVerification = .noHostnameVerification
        case .verifyFull:
            settings.certificateVerification = .fullVerification
        }
        if let root = url.rootCertificate {
            settings.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(root))
        }
        let context = try NIOSSLContext(configuration: settings)
        return url.tls == .prefer ? .prefer(context) : .require(context)
    }

    /// The cipher in use (replaced by ``rekey(to:)``).
    var cipher: SessionCipher { cipherBox.withLock { $0 } }

    /// This machine, for the writer of a streaming reply: its name and the start of
    /// its `/etc/machine-id`, since two machines may well share a name.
    static let hostName: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        let named = gethostname(&buffer, buffer.count) == 0
        var name = named ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
        if name.isEmpty { name = "localhost" }
        let machine = (FileManager.default.contents(atPath: "/etc/machine-id")).map {
            String(decoding: $0.prefix(12), as: UTF8.self).trimmingWhitespaceAndNewlines()
        }
        return (name + (machine.map { "@" + $0 } ?? "")).replacingOccurrences(of: " ", with: "_")
    }()

    /// Runs `body` with the connection once every earlier call has finished, and
    /// turns its errors into ``SessionStoreError``s. Runs to the end even if the
    /// caller is cancelled, so a final checkpoint is not lost to Ctrl-C.
    ///
    /// A connection the server has closed fails at once: PostgresNIO 1.33 waits for
    /// ever on a query written to a closed channel (the write's failure never reaches
    /// the query's promise), so the store checks before each call, and a call not
    /// done within ``answerBound`` (its wait for the calls before it included) gives
    /// the connection up for good.
    ///
    /// `bounded` false is for the long maintenance calls a user asks for (rekey,
    /// import), which make a round trip per row and may take longer than the bound.
    func run<T: Sendable>(
        bounded: Bool = true, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        let (gate, connection, location, broken, executor) = (
            self.gate, self.connection, self.location, self.broken, self.executor
        )
        let closed = SessionStoreError.storeUnreachable(store: location, detail: "the server closed the connection")
        guard !broken.withLock({ $0 }), !connection.isClosed else { throw closed }
        let answer: T?
        do {
            let passage: @Sendable () async throws -> T = {
                try await gate.withPassage {
                    guard !connection.isClosed else { throw closed }
                    return try await body(connection)
                }
            }
            answer =
                bounded
                ? try await Self.within(Self.answerBound, on: executor, passage)
                : try await withTaskExecutorPreference(executor, operation: passage)
        } catch {
            if connection.isClosed { throw closed }
            throw Self.translate(error, store: location)
        }
        guard let answer else {
            broken.withLock { $0 = true }
            try? await connection.close()
            throw SessionStoreError.storeUnreachable(
                store: location, detail: "the server did not answer for \(Int(Self.answerBound.seconds)) s")
        }
        return answer
    }

    /// `work`'s result, or nil when it takes longer than `bound` (it is then
    /// cancelled and left behind: a query stuck in PostgresNIO may never end).
    /// `work` runs on `executor` when given (the connection's loop: the query's answer
    /// resumes it there, without waking another thread).
    static func within<T: Sendable>(
        _ bound: Duration, on executor: (any TaskExecutor)? = nil, _ work: @escaping @Sendable () async throws -> T
    ) async throws -> T? {
        // Whoever first claims the continuation resumes it: the work or the timer.
        let claimed = LockedBox(false)
        let claim: @Sendable () -> Bool = {
            claimed.withLock { done in
                defer { done = true }
                return !done
            }
        }
        let timer = LockedBox<Task<Void, Never>?>(nil)
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T?, any Error>) in
            let worker = Task(executorPreference: executor) {
                let result = await Result { () async throws -> T in try await work() }
                guard claim() else { return }
                timer.withLock { $0?.cancel() }
                continuation.resume(with: result.map(Optional.some))
            }
            let sleeper = Task {
                try? await Task.sleep(for: bound)
                guard !Task.isCancelled, claim() else { return }
                worker.cancel()
                continuation.resume(returning: nil)
            }
            timer.withLock { $0 = sleeper }
        }
    }

    /// How long one store call may wait for the server before the connection is
    /// given up (closing it fails the waiting query).
    static let answerBound: Duration = .seconds(20)

    /// Marks as interrupted every reply this machine was writing whose process is gone.
    private func recoverAbandonedReplies() async throws {
        let prefix = "\(Self.hostName) "
        let writers = try await run { [logger] connection in
            var writers: [String] = []
            let rows = try await connection.query(
                "SELECT DISTINCT writer FROM aish_message WHERE starts_with(writer, \(prefix))", logger: logger)
            for try await writer in rows.decode(String.self) { writers.append(writer) }
            return writers
        }
        for writer in writers where !WriterIdentity.isAlive(String(writer.dropFirst(prefix.count))) {
            _ = try await run { [logger] connection in
                try await connection.query(
                    """
                    UPDATE aish_message SET status = \(MessageStatus.interrupted.rawValue), writer = NULL
                    WHERE writer = \(writer)
                    """, logger: logger)
            }
        }
    }

    // MARK: - Errors

    /// What went wrong in a TLS handshake, and what to check; nil for another error.
    static func tlsFailure(_ error: any Error) -> String? {
        guard let failure = TLSFailure(error, url: "") else { return nil }
        switch failure {
        case .untrustedCertificate, .wrongHost:
            return """
                TLS failed: the server's certificate is not signed by a trusted authority (or does not name the \
                host); give its CA with sslrootcert=FILE in the URL or AISH_CACERT, or use sslmode=require
                """
        case .notTLS, .closedDuringHandshake, .other:
            return "TLS failed: \(failure.reason); check sslmode and sslrootcert"
        }
    }

    /// Why a connection failed, in a few words: the system's text for its errno
    /// ("Connection refused", "No such file or directory" for a missing socket).
    static func reason(_ error: any Error) -> String {
        if let error = error as? NIOConnectionError {
            return error.connectionErrors.first.map { reason($0.error) } ?? "no address to connect to"
        }
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)) }
        if let error = error as? ChannelError, case .connectTimeout = error { return "the connection timed out" }
        return "\(error)"
    }

    /// `error` as a ``SessionStoreError``; the server's message is kept, SQL and
    /// bound values (which may be secret) never are.
    static func translate(_ error: any Error, store: String) -> SessionStoreError {
        if let error = error as? SessionStoreError { return error }
        if let error = error as? PostgresTransactionError {
            let inner = error.closureError ?? error.beginError ?? error.commitError ?? error.rollbackError
            return inner.map { translate($0, store: store) }
                ?? .databaseUnavailable(path: store, detail: "a transaction failed")
        }
        if let failure = tlsFailure(error) { return .databaseUnavailable(path: store, detail: failure) }
        guard let error = error as? PSQLError else {
            if error is IOError || error is NIOConnectionError || error is ChannelError {
                return .storeUnreachable(store: store, detail: reason(error))
            }
            return .databaseUnavailable(path: store, detail: String(describing: type(of: error)))
        }
        switch error.code {
        case .server:
            let message = error.serverInfo?[.message] ?? "the server refused"
            let state = error.serverInfo?[.sqlState] ?? ""
            // 28xxx: authentication; 3D000: no such database; 57P0x: shutting down.
            if state.hasPrefix("28") {
                return .databaseUnavailable(
                    path: store,
                    detail: "\(message); give the password in the URL, PGPASSWORD or ~/.pgpass (mode 0600)")
            }
            if state.hasPrefix("57P") { return .storeUnreachable(store: store, detail: message) }
            return .databaseUnavailable(path: store, detail: message)
        case .authMechanismRequiresPassword:
            return .databaseUnavailable(
                path: store, detail: "the server wants a password; give it in the URL, PGPASSWORD or ~/.pgpass (0600)")
        case .connectionError where error.underlying.flatMap(tlsFailure) != nil:
            return .databaseUnavailable(path: store, detail: error.underlying.flatMap(tlsFailure) ?? "TLS failed")
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
            return .storeUnreachable(store: store, detail: error.underlying.map(reason) ?? "the connection closed")
        case .sslUnsupported:
            return .databaseUnavailable(
                path: store, detail: "the server does not offer TLS; use sslmode=prefer or sslmode=disable")
        default:
            return .databaseUnavailable(path: store, detail: error.code.description)
        }
    }
}
