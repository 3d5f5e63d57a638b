import AsyncHTTPClient
import NIOCore

/// The events of an event-stream response body, one batch per network read, so a
/// transport can coalesce what arrived together: ``SSEEvent``s, or what a `Batch`
/// reads from each event's bytes (``V2EventList``).
///
/// Reads that complete no event are skipped. A line or event over the decoder's
/// limit throws ``WireFormatError``; network failures are rethrown as they come.
/// Each batch beats `heartbeat`: the server said something.
struct SSEEventBatches<Batch: SSEEventBatch>: AsyncSequence {
    typealias Element = [Batch.Item]

    let body: HTTPClientResponse.Body
    let heartbeat: ReplyHeartbeat

    struct AsyncIterator: AsyncIteratorProtocol {
        var reads: HTTPClientResponse.Body.AsyncIterator
        let heartbeat: ReplyHeartbeat
        var decoder = SSEDecoder()
        /// Kept from read to read, with what it learns of the stream.
        var batch = Batch()

        mutating func next() async throws -> [Batch.Item]? {
            if decoder.exceededLimit { throw tooLong }
            while let buffer = try await reads.next() {
                decoder.decode(buffer.readableBytesView, into: &batch)
                // The events completed before an overlong one come first; the error on the next call.
                if !batch.items.isEmpty {
                    heartbeat.beat()
                    defer { batch.items = [] }
                    return batch.items
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

extension SSEEventBatches where Batch == SSEEventList {
    /// Batches of ``SSEEvent``s.
    init(body: HTTPClientResponse.Body, heartbeat: ReplyHeartbeat) {
        self.body = body
        self.heartbeat = heartbeat
    }
}

/// What ``SSEEventBatches`` makes of each network read's events: `items`, which it
/// takes and empties after each read.
protocol SSEEventBatch: SSEEventSink {
    associatedtype Item
    init()
    var items: [Item] { get set }
}

extension SSEEventList: SSEEventBatch {}

/// A v2 reply stream's events as ``V2StreamEvent``s, each with the SSE id in force: a
/// `content` event's text is read from the body's bytes, with no string made of the
/// rest of its data, and once one has been read, the next ones that differ from it
/// only in their text are read by a ``JSONStringTemplate``. An event that cannot be
/// read stays in its place as its error, so the events before it are handled first.
struct V2EventList: SSEEventBatch {
    struct Item {
        let id: String?
        let event: Result<V2StreamEvent, WireFormatError>
    }

    var items: [Item] = []
    /// The bytes around the text of the last `content` event read in full.
    private var template: JSONStringTemplate?

    mutating func take(id: String?, event: String, data: UnsafeBufferPointer<UInt8>) {
        let isContent = event == "content"
        if isContent, let text = template?.value(in: data) {
            items.append(Item(id: id, event: .success(.content(text))))
            return
        }
        var dataString: Range<Int>?
        let read = Result { () throws(WireFormatError) in
            try V2StreamEvent(event: event, data: data, dataString: &dataString)
        }
        if isContent, let dataString { template = JSONStringTemplate(data, string: dataString) }
        items.append(Item(id: id, event: read))
    }
}

extension HTTPClientResponse {
    /// Whether the response declares itself an event stream (or declares nothing).
    var isEventStream: Bool {
        guard let type = headers.first(name: "Content-Type") else { return true }
        return type.lowercased().hasPrefix("text/event-stream")
    }
}
