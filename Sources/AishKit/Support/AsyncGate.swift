import Synchronization

/// Lets one task at a time through, in the order they came, across suspension
/// points (which an actor does not: its methods interleave at every `await`).
/// Used where a sequence of awaited steps must not mix with another's, such as
/// the statements of a transaction on one database connection.
public final class AsyncGate: Sendable {
    private struct State {
        var isOpen = true
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    public init() {}

    /// Runs `body` once every task that came before has finished its own.
    public func withPassage<T: Sendable>(_ body: () async throws -> T) async rethrows -> T {
        await enter()
        defer { leave() }
        return try await body()
    }

    private func enter() async {
        // The usual case, an open gate, passes without suspending.
        let passed = state.withLock { state in
            defer { state.isOpen = false }
            return state.isOpen
        }
        if passed { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let passes = state.withLock { state in
                if state.isOpen {
                    state.isOpen = false
                    return true
                }
                state.waiting.append(continuation)
                return false
            }
            if passes { continuation.resume() }
        }
    }

    private func leave() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiting.isEmpty else {
                state.isOpen = true
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
