import ServiceLifecycle
import Synchronization

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
        let ended = Ending()
        Task {
            do {
                try await group.run()
                ended.finish(with: .success(()))
            } catch {
                ended.finish(with: .failure(error))
            }
        }
        let stopping = Task {
            await stop()
            await group.triggerGracefulShutdown()
            try? await Task.sleep(for: grace)
            ended.finish(with: .success(()))
        }
        let outcome = await ended.value
        stopping.cancel()
        try outcome.get()
    }

    /// The first outcome of the group's run or of the grace running out.
    private final class Ending: Sendable {
        private struct State {
            var outcome: Result<Void, any Error>?
            var waiters: [CheckedContinuation<Result<Void, any Error>, Never>] = []
        }
        private let state = Mutex(State())

        func finish(with outcome: Result<Void, any Error>) {
            let waiters = state.withLock { state -> [CheckedContinuation<Result<Void, any Error>, Never>] in
                guard state.outcome == nil else { return [] }
                state.outcome = outcome
                defer { state.waiters.removeAll() }
                return state.waiters
            }
            for waiter in waiters { waiter.resume(returning: outcome) }
        }

        var value: Result<Void, any Error> {
            get async {
                await withCheckedContinuation { continuation in
                    let outcome = state.withLock { state -> Result<Void, any Error>? in
                        if state.outcome == nil { state.waiters.append(continuation) }
                        return state.outcome
                    }
                    if let outcome { continuation.resume(returning: outcome) }
                }
            }
        }
    }
}
