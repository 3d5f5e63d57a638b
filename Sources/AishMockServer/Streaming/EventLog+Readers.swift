extension EventLog {
    /// Registers a reader that wants the events after `lastEventID` (nil: all),
    /// or returns nil when some of them are no longer held. Connections take their
    /// reader through a ``ReaderLease``.
    func addReader(after lastEventID: Int?) -> Reader? {
        let from = max((lastEventID ?? -1) + 1, 0)
        return state.withLock { state -> Reader? in
            guard from >= state.firstID else { return nil }
            return Self.register(from: from, in: &state)
        }
    }

    /// Registers a reader from the oldest event the log still holds.
    func addReaderFromOldestEvent() -> Reader {
        state.withLock { state in Self.register(from: state.firstID, in: &state) }
    }

    private static func register(from position: Int, in state: inout State) -> Reader {
        let reader = Reader(number: state.nextReader)
        state.nextReader += 1
        state.cursors[reader.number] = position
        state.orphanedAt = nil
        return reader
    }

    /// Unregisters a reader. When `clientGone` and no reader is left while the
    /// stream is still being written, the log counts as orphaned from now on, and
    /// the generation stops after its grace period.
    func removeReader(_ reader: Reader, clientGone: Bool) {
        let (waiter, writer) = state.withLock { state in
            state.cursors[reader.number] = nil
            if clientGone && state.cursors.isEmpty && state.ending == nil {
                state.orphanedAt = .now
            }
            defer {
                state.readerWaiters[reader.number] = nil
                state.writerWaiter = nil
            }
            return (state.readerWaiters[reader.number], state.writerWaiter)
        }
        waiter?.resume()
        writer?.resume()
    }

    /// Up to `limit` events after the reader's position, and moves it past them.
    func read(_ reader: Reader, limit: Int) -> ReadResult {
        let (result, writer) = state.withLock { state -> (ReadResult, CheckedContinuation<Void, Never>?) in
            guard let cursor = state.cursors[reader.number] else { return (.ended, nil) }
            guard cursor < state.nextID else {
                return (state.ending == nil ? .nothingYet : .ended, nil)
            }
            let end = min(state.nextID, cursor + max(limit, 1))
            let events = Array(state.events[(cursor - state.firstID)..<(end - state.firstID)])
            state.cursors[reader.number] = end
            var writer: CheckedContinuation<Void, Never>?
            if state.writerWaiter != nil && state.nextID - state.slowestCursor < capacity {
                writer = state.writerWaiter
                state.writerWaiter = nil
            }
            return (.events(events), writer)
        }
        writer?.resume()
        return result
    }

    /// Waits until the reader has something to read: events, the end, or its removal.
    func waitForEvents(_ reader: Reader) async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ready = state.withLock { state -> Bool in
                    guard let cursor = state.cursors[reader.number] else { return true }
                    if Task.isCancelled || cursor < state.nextID || state.ending != nil { return true }
                    state.readerWaiters[reader.number] = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                defer { state.readerWaiters[reader.number] = nil }
                return state.readerWaiters[reader.number]
            }
            waiter?.resume()
        }
    }

    /// Waits for the reader to have something to read, for at most `timeout`.
    /// Returns false when the time ran out first.
    func waitForEvents(_ reader: Reader, timeout: Duration) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await self.waitForEvents(reader)
                return true
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let first = await group.next() ?? true
            group.cancelAll()
            return first
        }
    }
}
