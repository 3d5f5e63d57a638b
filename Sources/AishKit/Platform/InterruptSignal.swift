/// Ctrl-C while a reply streams, as something the shell can wait on.
///
/// The executable feeds it from its signal handlers (SIGINT; SIGTERM and SIGHUP
/// too, which also set ``termination``); tests call ``interrupt(terminating:)``.
/// An interrupt that arrives while nobody listens is dropped, so a stray Ctrl-C
/// between replies never cancels the next one. Work that must not miss one
/// listens (``listen()``) before it starts, and waits on its ``Listener`` later.
public final class InterruptSignal: Sendable {
    private enum Slot {
        case listening
        case waiting(CheckedContinuation<Bool, Never>)
        case heard
    }

    private struct Slots {
        var byID: [UInt64: Slot] = [:]
        var lastID: UInt64 = 0
    }

    private let slots = LockedBox(Slots())
    private let ending = LockedBox<Int32?>(nil)

    /// A signal with nobody waiting yet.
    public init() {}

    /// One listener: it hears every interrupt from its ``InterruptSignal/listen()``
    /// until its ``wait()`` returns or it is ended.
    public struct Listener: Sendable {
        let signal: InterruptSignal
        let id: UInt64

        /// Waits for an interrupt heard since listening began (returning at once
        /// for one already heard). Returns `false` if the task was cancelled first.
        public func wait() async -> Bool {
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    let answer = signal.slots.withLock { state -> Bool? in
                        if case .heard = state.byID[id] {
                            state.byID[id] = nil
                            return true
                        }
                        if Task.isCancelled || state.byID[id] == nil {
                            state.byID[id] = nil
                            return false
                        }
                        state.byID[id] = .waiting(continuation)
                        return nil
                    }
                    if let answer { continuation.resume(returning: answer) }
                }
            } onCancel: {
                end()
            }
        }

        /// Stops listening; a ``wait()`` still pending returns `false`.
        public func end() {
            let slot = signal.slots.withLock { $0.byID.removeValue(forKey: id) }
            if case .waiting(let continuation) = slot { continuation.resume(returning: false) }
        }
    }

    /// Starts listening now, so an interrupt that comes before the wait is not lost.
    public func listen() -> Listener {
        let id = slots.withLock { state -> UInt64 in
            state.lastID += 1
            state.byID[state.lastID] = .listening
            return state.lastID
        }
        return Listener(signal: self, id: id)
    }

    /// The exit status the process owes once what it is doing is saved, when a
    /// signal that ends it (SIGTERM, SIGHUP) rather than Ctrl-C interrupted it.
    public var termination: Int32? { ending.withLock { $0 } }

    /// Wakes everyone waiting, with `true`; returns whether anyone was.
    ///
    /// - Parameter status: for a signal that ends the process, its exit status
    ///   (128 + its number), kept as ``termination``.
    @discardableResult
    public func interrupt(terminating status: Int32? = nil) -> Bool {
        if let status { ending.withLock { $0 = $0 ?? status } }
        let (woken, anyone) = slots.withLock { state -> ([CheckedContinuation<Bool, Never>], Bool) in
            var woken: [CheckedContinuation<Bool, Never>] = []
            for (id, slot) in state.byID {
                switch slot {
                case .waiting(let continuation):
                    woken.append(continuation)
                    state.byID[id] = nil
                case .listening:
                    state.byID[id] = .heard
                case .heard:
                    break
                }
            }
            return (woken, !state.byID.isEmpty || !woken.isEmpty)
        }
        for continuation in woken { continuation.resume(returning: true) }
        return anyone
    }
}
