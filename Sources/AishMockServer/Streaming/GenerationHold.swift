import Synchronization

/// A test's hand on the mock's replies: ``hold(afterTokens:)`` stops every reply being
/// generated once it has produced that many tokens, until ``release()``. A test then
/// acts in the middle of a reply (stops a database, kills a client) knowing the reply
/// is still going, whatever the machine's load, and lets it finish afterwards.
///
/// Give it to the server as ``MockServerConfiguration/generationHold``, and release it
/// before the server stops: a held reply waits for nothing else.
public final class GenerationHold: Sendable {
    private struct Waiting {
        var next: UInt64 = 0
        var parked: [UInt64: CheckedContinuation<Void, Never>] = [:]
    }

    /// The number of tokens a reply may produce; `Int.max` when nothing is held.
    private let limit = Atomic<Int>(.max)
    private let waiting = Mutex(Waiting())

    public init() {}

    /// Holds every reply, those under way too, once it has produced `count` tokens.
    public func hold(afterTokens count: Int) {
        limit.store(max(0, count), ordering: .sequentiallyConsistent)
    }

    /// Lets every reply go on.
    public func release() {
        limit.store(.max, ordering: .sequentiallyConsistent)
        let parked = waiting.withLock { waiting in
            defer { waiting.parked.removeAll() }
            return waiting.parked.values
        }
        for continuation in parked { continuation.resume() }
    }

    /// Whether the token at `index` (0 for a reply's first) must wait.
    func holds(beforeToken index: Int) -> Bool {
        index >= limit.load(ordering: .sequentiallyConsistent)
    }

    /// Returns once the token at `index` may be produced, or the task is cancelled
    /// (the server stops).
    func waitBeforeToken(_ index: Int) async {
        let ticket = waiting.withLock { waiting in
            defer { waiting.next += 1 }
            return waiting.next
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let parked = waiting.withLock { waiting in
                    guard holds(beforeToken: index), !Task.isCancelled else { return false }
                    waiting.parked[ticket] = continuation
                    return true
                }
                if !parked { continuation.resume() }
            }
        } onCancel: {
            waiting.withLock { $0.parked.removeValue(forKey: ticket) }?.resume()
        }
    }
}
