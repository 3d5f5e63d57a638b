/// Maps `stream.chunk` indices to event ids of the stream's ``EventLog``.
///
/// Chunks count content events only, from 0; event ids also count the `start`
/// event (id 0) and any injected error event, which shifts later content one id
/// on (see ``FaultPlan/recoverableErrorAt``). Resuming after chunk `k` reads the
/// log after the event that carried it.
struct RPCChunkNumbering: Sendable {
    /// The event id of the recoverable error, if the stream has one.
    let recoverableErrorAt: Int?

    /// The numbering for a stream generated under `faults`.
    init(faults: FaultPlan) {
        self.recoverableErrorAt = faults.recoverableErrorAt
    }

    /// The event id that carried chunk `index`; for -1, the `start` event's id.
    func eventID(ofChunk index: Int) -> Int {
        guard index >= 0 else { return 0 }
        let id = index + 1
        if let recoverableErrorAt, id >= recoverableErrorAt { return id + 1 }
        return id
    }
}
