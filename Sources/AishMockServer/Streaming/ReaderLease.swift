import Synchronization

/// A reader registered in an ``EventLog`` for the one connection that will read it.
///
/// A log keeps no event for a reader that is not registered yet, and a generation
/// at full speed can write a whole window before a response's body begins; a
/// reader added only then found its first events dropped, and the client got an
/// empty reply (once in a few hundred 200,000-token replies). So a new stream's
/// first reader is registered before its generation starts, and a resuming one
/// when its request is accepted. If the connection never reads (its client left
/// before the body began), the reader is removed when the lease goes, as if the
/// client had gone, so the generation does not wait for it for ever.
final class ReaderLease: Sendable {
    let log: EventLog
    private let reader: Mutex<EventLog.Reader?>

    /// The first reader of a log no event was dropped from yet: a new stream's.
    init(firstReaderOf log: EventLog) {
        self.log = log
        self.reader = Mutex(log.addReaderFromOldestEvent())
    }

    /// A reader of the events after `lastEventID` (nil: all), or nil when some of
    /// them are no longer held.
    init?(log: EventLog, after lastEventID: Int?) {
        guard let reader = log.addReader(after: lastEventID) else { return nil }
        self.log = log
        self.reader = Mutex(reader)
    }

    /// The reader, for the connection that reads; nil after the first call.
    func take() -> EventLog.Reader? {
        reader.withLock { reader in
            defer { reader = nil }
            return reader
        }
    }

    deinit {
        if let reader = reader.withLock({ $0 }) { log.removeReader(reader, clientGone: true) }
    }
}
