import ServiceLifecycle

/// Runs a server's service group until it is told to stop, then shuts it down
/// gracefully within a bound.
///
/// A graceful shutdown ends open streams and closes idle connections, but a
/// connection that a client opened and never used (pooling HTTP clients open one
/// ahead of need, and keep them for a minute or more) leaves Hummingbird waiting
/// for its first request, and no shutdown or cancellation ends that wait. So the
/// shutdown is given ``grace``; whatever is still open then is left to its client
/// and the server's owner goes on (a test to its next server, `aish mock` to exit).
enum ServerLifetime {
    /// How long a shutdown waits for connections to end by themselves.
    static let grace: Duration = .seconds(2)

    /// Runs `group` until `stop` returns (or the group ends by itself), then
    /// shuts it down and waits at most ``grace`` for it.
    ///
    /// - Throws: the group's error when it failed (for example, it could not listen).
    static func run(_ group: ServiceGroup, until stop: @escaping @Sendable () async -> Void) async throws {
        // The first outcome wins: the group's end, or the grace running out.
        let (outcomes, outcome) = AsyncStream.makeStream(of: Result<Void, any Error>.self)
        Task {
            do {
                try await group.run()
                outcome.yield(.success(()))
            } catch {
                outcome.yield(.failure(error))
            }
        }
        let stopping = Task {
            await stop()
            await group.triggerGracefulShutdown()
            try? await Task.sleep(for: grace)
            outcome.yield(.success(()))
        }
        defer { stopping.cancel() }
        var first = outcomes.makeAsyncIterator()
        try await first.next()?.get()
    }
}
