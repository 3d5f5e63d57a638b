import Hummingbird
import Logging
import ServiceLifecycle

/// Runs a mock server (typically on port 0) for as long as `body` runs.
///
/// `body` receives the base URL (`http://127.0.0.1:PORT`). When it returns or
/// throws, the server shuts down gracefully (open streams end; see
/// ``ServerLifetime`` for connections that never end by themselves) and this
/// returns `body`'s result or rethrows its error. Throws before calling `body`
/// when the server cannot start (for example, the port is taken).
public func withMockServer<T: Sendable>(
    _ configuration: MockServerConfiguration,
    _ body: @Sendable (String) async throws -> T
) async throws -> T {
    let logger = MockServer.quietLogger
    return try await withMockServer(state: MockServerState(configuration: configuration), logger: logger, body)
}

/// ``withMockServer(_:_:)`` over given state, so tests can watch its streams.
func withMockServer<T: Sendable>(
    state: MockServerState,
    logger: Logger,
    _ body: @Sendable (String) async throws -> T
) async throws -> T {
    let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
    let app = try makeMockApplication(state: state, logger: logger) { channel in
        portContinuation.yield(channel.localAddress?.port ?? 0)
        portContinuation.finish()
    }
    let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
    let (stopped, stop) = AsyncStream.makeStream(of: Void.self)
    let serving = Task {
        defer { portContinuation.finish() }
        try await ServerLifetime.run(group) { for await _ in stopped {} }
    }
    return try await withTaskCancellationHandler {
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await serving.value
            throw MockServerError.didNotStart
        }
        let result: Result<T, any Error>
        do {
            let url = MockServer.baseURL(
                host: state.configuration.host, port: port, secure: state.configuration.tls != nil)
            result = .success(try await body(url))
        } catch {
            result = .failure(error)
        }
        stop.finish()
        try await serving.value
        return try result.get()
    } onCancel: {
        stop.finish()
    }
}
