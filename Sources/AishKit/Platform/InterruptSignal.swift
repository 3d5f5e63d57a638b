/// Ctrl-C while a reply streams, as something the shell can wait on.
///
/// The executable feeds it from a SIGINT handler; tests call ``interrupt()``.
/// An interrupt that arrives while nobody waits is dropped, so a stray Ctrl-C
/// between replies never cancels the next one.
public final class InterruptSignal: Sendable {
    private struct Waiters {
        var byID: [UInt64: CheckedContinuation<Bool, Never>] = [:]
        var lastID: UInt64 = 0
    }

    private let waiters = LockedBox(Waiters())

    /// A signal with nobody waiting yet.
    public init() {}

    /// Waits for the next interrupt. Returns `false` if the task was cancelled first.
    public func wait() async -> Bool {
        let id = waiters.withLock { state -> UInt64 in
            state.lastID += 1
            return state.lastID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let cancelled = waiters.withLock { state -> Bool in
                    if Task.isCancelled { return true }
                    state.byID[id] = continuation
                    return false
                }
                if cancelled { continuation.resume(returning: false) }
            }
        } onCancel: {
            waiters.withLock { $0.byID.removeValue(forKey: id) }?.resume(returning: false)
        }
    }

    /// Wakes everyone waiting, with `true`; returns whether anyone was.
    @discardableResult
    public func interrupt() -> Bool {
        let woken = waiters.withLock { state -> [CheckedContinuation<Bool, Never>] in
            defer { state.byID.removeAll() }
            return Array(state.byID.values)
        }
        for continuation in woken { continuation.resume(returning: true) }
        return !woken.isEmpty
    }
}
