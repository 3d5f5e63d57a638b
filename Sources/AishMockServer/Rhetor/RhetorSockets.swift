import Synchronization

/// Rhetor's one socket per specialist: which specialists are reachable, and which
/// have a request in flight.
///
/// Rhetor replaces a specialist's socket on every send, so a second request while
/// one is in flight loses its answer; the mock refuses the newcomer, deterministically.
/// Tests can hold a specialist's replies to keep a request in flight, and wait until
/// one is, so that they never sleep.
final class RhetorSockets: Sendable {
    private struct State {
        var down: Set<String>
        var busy: Set<String> = []
        var held: Set<String> = []
        var heldWaiters: [String: [CheckedContinuation<Void, Never>]] = [:]
        var busyWaiters: [String: [CheckedContinuation<Void, Never>]] = [:]
    }

    private let state: Mutex<State>

    /// Sockets where the specialists in `down` cannot be reached.
    init(down: Set<String>) {
        self.state = Mutex(State(down: down))
    }

    /// Whether the specialist's socket accepts connections.
    func isUp(_ id: String) -> Bool {
        state.withLock { !$0.down.contains(id) }
    }

    /// Brings a specialist's socket up or down (tests: what the health cache hides).
    func setUp(_ id: String, _ up: Bool) {
        state.withLock { state in
            if up { state.down.remove(id) } else { state.down.insert(id) }
        }
    }

    /// Marks a request to `id` in flight; false when one already is.
    func claim(_ id: String) -> Bool {
        let (claimed, waiters) = state.withLock { state -> (Bool, [CheckedContinuation<Void, Never>]) in
            guard state.busy.insert(id).inserted else { return (false, []) }
            return (true, state.busyWaiters.removeValue(forKey: id) ?? [])
        }
        for waiter in waiters { waiter.resume() }
        return claimed
    }

    /// Ends the request in flight to `id`.
    func release(_ id: String) {
        _ = state.withLock { $0.busy.remove(id) }
    }

    /// Whether a request to `id` is in flight.
    func isBusy(_ id: String) -> Bool {
        state.withLock { $0.busy.contains(id) }
    }

    // MARK: For tests

    /// Keeps every reply of `id` from completing until ``unhold(_:)``.
    func hold(_ id: String) {
        _ = state.withLock { $0.held.insert(id) }
    }

    /// Lets the held replies of `id` complete.
    func unhold(_ id: String) {
        let waiters = state.withLock { state in
            state.held.remove(id)
            return state.heldWaiters.removeValue(forKey: id) ?? []
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once `id` is not held.
    func waitWhileHeld(_ id: String) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let free = state.withLock { state -> Bool in
                guard state.held.contains(id) else { return true }
                state.heldWaiters[id, default: []].append(continuation)
                return false
            }
            if free { continuation.resume() }
        }
    }

    /// Returns once a request to `id` is in flight.
    func waitUntilBusy(_ id: String) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let busy = state.withLock { state -> Bool in
                guard !state.busy.contains(id) else { return true }
                state.busyWaiters[id, default: []].append(continuation)
                return false
            }
            if busy { continuation.resume() }
        }
    }
}
