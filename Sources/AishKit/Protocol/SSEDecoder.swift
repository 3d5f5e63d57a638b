/// An incremental decoder for `text/event-stream` bodies, following the WHATWG
/// event-stream interpretation rules (HTML §9.2.6).
///
/// Feed it the body's bytes as they arrive, split anywhere: lines may end in CR, LF
/// or CRLF (a CR ending one chunk and an LF starting the next are one line end), a
/// byte-order mark at the start of the stream is dropped, and each line is decoded
/// as UTF-8 only once it is complete, so multi-byte characters may be split across
/// chunks. An event still incomplete when the input ends is never dispatched.
///
/// A line, or one event's data, longer than `limit` bytes stops the decoder:
/// ``exceededLimit`` becomes `true` and all further input is ignored, so a hostile
/// server cannot make the client buffer without bound.
public struct SSEDecoder: Sendable {
    /// The default for `limit`: 1 MiB, the protocol's message-size limit.
    public static let defaultLimit = 1 << 20

    /// The last event id the stream set (`""` when none); a reconnecting client sends
    /// it as `Last-Event-ID`.
    public private(set) var lastEventID = ""
    /// The reconnection time in milliseconds the stream asked for, if any.
    public private(set) var retry: Int?
    /// Whether a line or an event's data went over `limit`; once set, the decoder
    /// ignores all further input.
    public private(set) var exceededLimit = false
    /// The most bytes one line, or one event's joined data, may hold.
    public let limit: Int

    /// Bytes of a line that started in an earlier chunk and has not ended yet.
    private var partialLine: [UInt8] = []
    /// The event's data buffer: every `data:` value followed by LF.
    private var data: [UInt8] = []
    /// The event's type buffer; `nil` stands for the empty buffer.
    private var eventType: String?
    /// The previous chunk ended in CR, so an LF at the start of the next one is part
    /// of the same line end.
    private var skipLeadingLF = false
    /// How many bytes of a byte-order mark have been seen at the stream's start;
    /// `nil` once the start has passed.
    private var bomBytesSeen: Int? = 0

    /// Creates a decoder at the start of a stream.
    public init(limit: Int = SSEDecoder.defaultLimit) {
        self.limit = limit
    }

    /// Consumes the next bytes of the stream and returns the events they complete,
    /// in order.
    public mutating func decode(_ bytes: some Collection<UInt8>) -> [SSEEvent] {
        var events = SSEEventList()
        decode(bytes, into: &events)
        return events.items
    }

    /// Consumes the next bytes of the stream and hands each event they complete to
    /// `sink`, in order, its data lent as bytes: a reader that wants only part of
    /// the data (a v2 `content` event's text) makes no string of the rest.
    mutating func decode(_ bytes: some Collection<UInt8>, into sink: inout some SSEEventSink) {
        let consumed: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            self.consume(buffer, into: &sink)
        }
        if consumed == nil {
            Array(bytes).withUnsafeBufferPointer { buffer in
                self.consume(buffer, into: &sink)
            }
        }
    }

    // MARK: - Scanning

    private mutating func consume(_ input: UnsafeBufferPointer<UInt8>, into events: inout some SSEEventSink) {
        guard !exceededLimit, let base = input.baseAddress, var index = skipByteOrderMark(input) else { return }
        if skipLeadingLF, index < input.count {
            skipLeadingLF = false
            if input[index] == ASCII.lineFeed { index += 1 }
        }
        var lineStart = index
        // The usual event is one `data:` line and the blank line after it, both in this
        // input: its value is then handed to the sink from the input itself, not copied
        // into `data` first. Only a value still waiting when the input ends is copied.
        var pending: UnsafeBufferPointer<UInt8>?
        defer { keep(&pending) }
        while index < input.count {
            // Eight bytes at a time while none of them can end a line.
            if index + 8 <= input.count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                guard let first = Self.firstByteUpToCarriageReturn(in: word) else {
                    index += 8
                    continue
                }
                index += first
            }
            let byte = input[index]
            // Everything above CR is line content; one comparison keeps the loop tight.
            guard byte <= ASCII.carriageReturn, byte == ASCII.lineFeed || byte == ASCII.carriageReturn else {
                index += 1
                continue
            }
            endLine(UnsafeBufferPointer(rebasing: input[lineStart..<index]), pending: &pending, into: &events)
            guard !exceededLimit else { return }
            if byte == ASCII.carriageReturn {
                if index + 1 == input.count {
                    skipLeadingLF = true
                } else if input[index + 1] == ASCII.lineFeed {
                    index += 1
                }
            }
            index += 1
            lineStart = index
        }
        if lineStart < input.count {
            partialLine.append(contentsOf: UnsafeBufferPointer(rebasing: input[lineStart...]))
            if partialLine.count > limit { stop() }
        }
    }

    /// The index of the first of the eight bytes of `word` (the first in its lowest
    /// bits) that is CR (13) or below, LF among them; nil when every byte is above.
    /// A byte is flagged when subtracting 14 borrows into its top bit and the top bit
    /// was clear; a borrow can only flag bytes after a true match, so the lowest flag
    /// is exact (the "has less than" trick of Bit Twiddling Hacks).
    @inline(__always)
    static func firstByteUpToCarriageReturn(in word: UInt64) -> Int? {
        let flags = (word &- 0x0E0E_0E0E_0E0E_0E0E) & ~word & 0x8080_8080_8080_8080
        return flags == 0 ? nil : flags.trailingZeroBitCount / 8
    }

    /// Drops a UTF-8 byte-order mark at the start of the stream, possibly split across
    /// chunks. Returns where the input's content starts, or `nil` when every byte was
    /// part of a BOM that may still be incomplete.
    private mutating func skipByteOrderMark(_ input: UnsafeBufferPointer<UInt8>) -> Int? {
        guard var seen = bomBytesSeen else { return 0 }
        var index = 0
        while seen < ASCII.byteOrderMark.count {
            guard index < input.count else {
                bomBytesSeen = seen
                return nil
            }
            guard input[index] == ASCII.byteOrderMark[seen] else {
                // Not a BOM after all: the bytes held back belong to the first line.
                partialLine.append(contentsOf: ASCII.byteOrderMark[0..<seen])
                break
            }
            seen += 1
            index += 1
        }
        bomBytesSeen = nil
        return index
    }

    /// Handles a line whose end was just found; `tail` is its part in the current chunk.
    /// `pending` is a data value of the current chunk not yet copied into `data`.
    private mutating func endLine(
        _ tail: UnsafeBufferPointer<UInt8>, pending: inout UnsafeBufferPointer<UInt8>?,
        into events: inout some SSEEventSink
    ) {
        guard !partialLine.isEmpty else {
            guard tail.count <= limit else { return stop() }
            return interpret(line: tail, lent: true, pending: &pending, into: &events)
        }
        partialLine.append(contentsOf: tail)
        guard partialLine.count <= limit else { return stop() }
        let line = partialLine
        line.withUnsafeBufferPointer { interpret(line: $0, lent: false, pending: &pending, into: &events) }
        partialLine.removeAll(keepingCapacity: true)
    }

    /// Copies a data value still waiting in the input into `data`, before the input goes.
    private mutating func keep(_ pending: inout UnsafeBufferPointer<UInt8>?) {
        guard let value = pending else { return }
        pending = nil
        guard !exceededLimit else { return }
        data.append(contentsOf: value)
        data.append(ASCII.lineFeed)
    }

    private mutating func stop() {
        exceededLimit = true
        partialLine = []
        data = []
        eventType = nil
    }

    // MARK: - Interpreting lines

    /// Acts on one line; `lent` says that it lies in the chunk being consumed (so a data
    /// value may wait there, as `pending`, until the event ends or another line comes).
    private mutating func interpret(
        line: UnsafeBufferPointer<UInt8>, lent: Bool, pending: inout UnsafeBufferPointer<UInt8>?,
        into events: inout some SSEEventSink
    ) {
        guard let first = line.first else { return dispatch(pending: &pending, into: &events) }
        if first == ASCII.colon { return }  // a comment
        let colon = line.firstIndex(of: ASCII.colon) ?? line.count
        var valueStart = Swift.min(colon + 1, line.count)
        if valueStart < line.count, line[valueStart] == ASCII.space { valueStart += 1 }
        let name = UnsafeBufferPointer(rebasing: line[..<colon])
        let value = UnsafeBufferPointer(rebasing: line[valueStart...])

        switch Field(name) {
        case .data:
            if lent, pending == nil, data.isEmpty {
                pending = value
                return
            }
            keep(&pending)
            data.append(contentsOf: value)
            data.append(ASCII.lineFeed)
            if data.count > limit + 1 { stop() }
        case .event:
            eventType = value.isEmpty ? nil : String(decoding: value, as: UTF8.self)
        case .id:
            if !value.contains(0) { lastEventID = String(decoding: value, as: UTF8.self) }
        case .retry:
            if let milliseconds = Self.parseDigits(value) { retry = milliseconds }
        case nil:
            break  // any other field is ignored, as the rules require
        }
    }

    private mutating func dispatch(pending: inout UnsafeBufferPointer<UInt8>?, into events: inout some SSEEventSink) {
        defer { eventType = nil }
        let (id, event) = (lastEventID.isEmpty ? nil : lastEventID, eventType ?? "message")
        if let value = pending {
            pending = nil
            return events.take(id: id, event: event, data: value)
        }
        guard !data.isEmpty else { return }
        data.removeLast()  // the LF after the last data line
        data.withUnsafeBufferPointer { events.take(id: id, event: event, data: $0) }
        data.removeAll(keepingCapacity: true)
    }

    /// The fields the rules give a meaning to.
    private enum Field {
        case data, event, id, retry

        /// Compares bytes directly: this runs for every line of the stream.
        init?(_ name: UnsafeBufferPointer<UInt8>) {
            if ASCII.bytes(name, equal: "data") {
                self = .data
            } else if ASCII.bytes(name, equal: "id") {
                self = .id
            } else if ASCII.bytes(name, equal: "event") {
                self = .event
            } else if ASCII.bytes(name, equal: "retry") {
                self = .retry
            } else {
                return nil
            }
        }
    }

    /// The value of a non-empty string of ASCII digits, or `nil` (also on overflow).
    private static func parseDigits(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty else { return nil }
        var value = 0
        for byte in bytes {
            guard ASCII.isDigit(byte) else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(byte - ASCII.zero))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return value
    }
}

/// Where an ``SSEDecoder`` puts the events it completes.
protocol SSEEventSink {
    /// One event: its id (the last one set, nil when none), its type (`"message"` when
    /// unnamed), and its data, the `data:` lines joined by LF, valid during the call.
    mutating func take(id: String?, event: String, data: UnsafeBufferPointer<UInt8>)
}

/// The events as ``SSEEvent``s.
struct SSEEventList: SSEEventSink {
    var items: [SSEEvent] = []

    mutating func take(id: String?, event: String, data: UnsafeBufferPointer<UInt8>) {
        items.append(SSEEvent(id: id, event: event, data: String(decoding: data, as: UTF8.self)))
    }
}
