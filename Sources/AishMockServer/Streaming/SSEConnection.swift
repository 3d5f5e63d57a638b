import Hummingbird
import NIOCore

/// One HTTP connection reading a v2 stream's ``EventLog`` and writing it as SSE.
///
/// Events are coalesced into writes of about 16 KiB while they arrive faster than
/// the socket takes them, and flushed whenever the log has nothing new. While idle
/// it sends `: keep-alive` comments. A write failure means the client went away.
struct SSEConnection: Sendable {
    /// Thrown to close the connection abruptly for the `drop-after` fault.
    struct InjectedDrop: Error {}

    /// The reader it reads the log with, from the start or where a resume asked.
    let lease: ReaderLease
    /// Close abruptly before the event with this id (first connection only).
    let dropBeforeID: Int?
    let keepAliveInterval: Duration

    /// Bytes gathered before a write when events come faster than they are sent.
    static let flushThreshold = 16 * 1024
    /// Events taken from the log at once.
    static let readLimit = 512

    /// Writes the stream until it ends, the client goes away or the drop fault fires.
    func write(to writer: inout any ResponseBodyWriter) async throws {
        let log = lease.log
        guard let reader = lease.take() else {
            try await writer.finish(nil)
            return
        }
        var pending = ""
        pending.reserveCapacity(Self.flushThreshold + 1024)
        do {
            while true {
                switch log.read(reader, limit: Self.readLimit) {
                case .events(let events):
                    for event in events {
                        if let dropBeforeID, event.id >= dropBeforeID {
                            try await flush(&pending, to: &writer)
                            log.removeReader(reader, clientGone: false)
                            throw InjectedDrop()
                        }
                        event.writeSSE(to: &pending, specialistID: log.specialistID)
                        if pending.utf8.count >= Self.flushThreshold {
                            try await flush(&pending, to: &writer)
                        }
                    }
                case .nothingYet:
                    try await flush(&pending, to: &writer)
                    if await !log.waitForEvents(reader, timeout: keepAliveInterval) {
                        pending += StreamEvent.keepAliveComment
                        try await flush(&pending, to: &writer)
                    }
                case .ended:
                    try await flush(&pending, to: &writer)
                    log.removeReader(reader, clientGone: false)
                    try await writer.finish(nil)
                    return
                }
            }
        } catch let drop as InjectedDrop {
            throw drop
        } catch {
            log.removeReader(reader, clientGone: true)
            throw error
        }
    }

    private func flush(_ pending: inout String, to writer: inout any ResponseBodyWriter) async throws {
        guard !pending.isEmpty else { return }
        try await writer.write(ByteBuffer(string: pending))
        pending.removeAll(keepingCapacity: true)
    }
}
