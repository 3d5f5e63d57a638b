import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// The mock Tekton server: every route of PROTOCOL.md it implements, with
/// deterministic specialists and fault injection, for tests, demos and
/// benchmarks (`aish --mock`).
public struct MockServer: Sendable {
    private let configuration: MockServerConfiguration
    private let logger: Logger

    /// Warnings and errors only: the framework's `info` lines ("Server started and
    /// listening on …") would repeat what `aish mock` says, on standard error.
    public static var quietLogger: Logger {
        var logger = Logger(label: "aish.mock")
        logger.logLevel = .warning
        return logger
    }

    /// A server for `configuration`; nothing happens until ``run(onReady:)``.
    public init(configuration: MockServerConfiguration, logger: Logger = MockServer.quietLogger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Serves until SIGINT or SIGTERM, then shuts down gracefully: open streams
    /// end and the call returns (within ``ServerLifetime/grace``).
    ///
    /// `onReady` receives the base URL (e.g. `http://127.0.0.1:8003`, with the
    /// real port when the configuration asked for port 0) once the server listens;
    /// connections are accepted after it returns, so it should return promptly.
    /// Throws when the address cannot be bound.
    public func run(onReady: @escaping @Sendable (String) async -> Void) async throws {
        let host = configuration.host
        let secure = configuration.tls != nil
        let app = try makeMockApplication(state: MockServerState(configuration: configuration), logger: logger) {
            channel in
            await onReady(MockServer.baseURL(host: host, port: channel.localAddress?.port ?? 0, secure: secure))
        }
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        try await ServerLifetime.run(group) {
            for await _ in await UnixSignalsSequence(trapping: .sigint, .sigterm) { return }
        }
    }

    /// `http://HOST:PORT` (`https://` when `secure`), with brackets around an IPv6 host.
    static func baseURL(host: String, port: Int, secure: Bool) -> String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "\(secure ? "https" : "http")://\(shownHost):\(port)"
    }
}
