import AsyncHTTPClient
import NIOCore

/// The events of an event-stream response body, one batch per network read, so a
/// transport can coalesce what arrived together.
///
/// Reads that complete no event are skipped. A line or event over the decoder's
/// limit throws ``WireFormatError``; network failures are rethrown as they come.
/// Each batch beats `heartbeat`: the server said something.
struct SSEEventBatches: AsyncSequence {
    typealias Element = [SSEEvent]

    let body: HTTPClientResponse.Body
    let heartbeat: ReplyHeartbeat

    struct AsyncIterator: AsyncIteratorProtocol {
        var reads: HTTPClientResponse.Body.AsyncIterator
        let heartbeat: ReplyHeartbeat
        var decoder = SSEDecoder()

        mutating func next() async throws -> [SSEEvent]? {
            if decoder.exceededLimit { throw tooLong }
            while let buffer = try await reads.next() {
                let events = decoder.decode(buffer.readableBytesView)
                // The events completed before an overlong one come first; the error on the next call.
                if !events.isEmpty {
                    heartbeat.beat()
                    return events
                }
                if decoder.exceededLimit { throw tooLong }
            }
            return nil
        }

        private var tooLong: WireFormatError {
            WireFormatError("an event-stream line or event longer than \(decoder.limit) bytes")
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(reads: body.makeAsyncIterator(), heartbeat: heartbeat)
    }
}

extension HTTPClientResponse {
    /// Whether the response declares itself an event stream (or declares nothing).
    var isEventStream: Bool {
        guard let type = headers.first(name: "Content-Type") else { return true }
        return type.lowercased().hasPrefix("text/event-stream")
    }
}
