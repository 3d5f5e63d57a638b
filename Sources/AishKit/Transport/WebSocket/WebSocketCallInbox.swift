import Synchronization

/// What arrives for one JSON-RPC call on a ``WebSocketConnection``, gathered until
/// the caller takes it.
///
/// The connection's read loop pushes; the caller takes everything that arrived
/// since it last looked in one go, which is how text is coalesced per network
/// read. The buffer is not bounded: the read loop never waits for a caller, so
/// pings are answered even while a renderer is slow. Consecutive `stream.chunk`s
/// are kept as one ``ChunkRun`` (their text joined, and each one's length), so a
/// slow renderer costs a few bytes per token, not a parsed message each.
final class WebSocketCallInbox: Sendable {
    /// One thing that arrived for the call.
    enum Item: Sendable, Equatable {
        /// A notification whose `request` is this call (`stream.start`, …).
        case notification(method: String, params: FlatJSONObject)
        /// `stream.chunk`s with consecutive indices, joined.
        case chunks(ChunkRun)
        /// The call's response; nothing follows it.
        case response(Result<FlatJSONObject.Value, JSONRPCError>)
        /// The connection ended before the response; nothing follows it.
        case connectionLost(reason: String)
        /// Nothing arrived within a bound (see ``watch(first:then:)``): `reason` says which.
        case silent(reason: String)
        /// The server sent what cannot be read, and the connection was closed for it;
        /// nothing follows it, and trying again would only get the same.
        case unreadable(detail: String)
    }

    private struct State {
        var items: [Item] = []
        var waiter: CheckedContinuation<[Item], Never>?
        /// When the last item arrived, and whether any has.
        var heardAt = ContinuousClock.now
        var heard = false

        /// Adds `item`, joining a `stream.chunk` to the run of chunks before it.
        mutating func add(_ item: Item) {
            if case .notification("stream.chunk", let params) = item, let index = params.int("chunk_index"),
                let text = params.string("content")
            {
                if case .chunks(let run)? = items.last, run.next == index {
                    run.append(text)
                } else {
                    items.append(.chunks(ChunkRun(first: index, text: text)))
                }
            } else {
                items.append(item)
            }
        }
    }

    private let state = Mutex(State())

    /// Adds `items` (a message, or a batch's messages for this call) and wakes the caller once.
    func push(_ items: [Item]) {
        let now = ContinuousClock.now
        let (waiter, ready) = state.withLock { state -> (CheckedContinuation<[Item], Never>?, [Item]) in
            for item in items { state.add(item) }
            state.heardAt = now
            state.heard = true
            guard let waiter = state.waiter else { return (nil, []) }
            state.waiter = nil
            defer { state.items.removeAll(keepingCapacity: true) }
            return (waiter, state.items)
        }
        waiter?.resume(returning: ready)
    }

    /// Pushes ``Item/silent(reason:)`` when nothing arrives within `first` of the
    /// call's start, or within `then` of the last item; returns once it has (or when
    /// cancelled, which ends the watch). One sleeping task per call: it wakes about
    /// once per `silence`, not once per message.
    func watch(first: Duration, then silence: Duration) async {
        let start = ContinuousClock.now
        while !Task.isCancelled {
            let (heard, heardAt) = state.withLock { ($0.heard, $0.heardAt) }
            let deadline = heard ? heardAt + silence : start + first
            if ContinuousClock.now >= deadline {
                let reason =
                    heard
                    ? Timeouts.phrase("the server sent nothing more", silence)
                    : Timeouts.phrase("the server sent no answer", first)
                push([.silent(reason: reason)])
                return
            }
            // Before the first answer, look again at least every `silence`: once it comes,
            // the bound is the silence after it, which may end before `first` does.
            let wake = heard ? deadline : min(deadline, ContinuousClock.now + silence)
            try? await Task.sleep(until: wake, clock: .continuous)
        }
    }

    /// Everything that arrived since the last call, waiting until something has.
    /// Returns an empty array at once when the task is cancelled.
    func next() async -> [Item] {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<[Item], Never>) in
                let ready = state.withLock { state -> [Item]? in
                    if !state.items.isEmpty || Task.isCancelled {
                        defer { state.items.removeAll(keepingCapacity: true) }
                        return state.items
                    }
                    state.waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: [])
        }
    }
}

/// `stream.chunk`s `first`, `first + 1`, … joined: their text and each one's UTF-8
/// length, so a part already shown can be skipped after a resume.
///
/// Appended to only under the inbox's lock, while it is still in the inbox; once
/// the caller has taken it, nobody changes it.
final class ChunkRun: @unchecked Sendable, Equatable {
    /// The index of the first chunk.
    let first: Int
    /// The chunks' text, in order.
    private(set) var text: String
    /// The UTF-8 length of each chunk.
    private(set) var lengths: [Int]

    init(first: Int, text: String) {
        self.first = first
        self.text = text
        self.lengths = [text.utf8.count]
    }

    /// The index the next chunk must have to join this run.
    var next: Int { first + lengths.count }

    /// Adds the chunk with index ``next``.
    func append(_ chunk: String) {
        text += chunk
        lengths.append(chunk.utf8.count)
    }

    /// The text of the chunks from index `start` on (`start` within the run).
    func text(from start: Int) -> Substring {
        let skipped = lengths.prefix(max(0, start - first)).reduce(0, +)
        let utf8 = text.utf8
        return Substring(utf8[utf8.index(utf8.startIndex, offsetBy: skipped)...])
    }

    static func == (left: ChunkRun, right: ChunkRun) -> Bool {
        left.first == right.first && left.text == right.text && left.lengths == right.lengths
    }
}
