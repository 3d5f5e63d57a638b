// libFuzzer harness for SSEDecoder (compiled with SSEDecoder.swift, SSEEvent.swift and
// ASCII.swift; see `make fuzz`).
//
// Input: two control bytes, then the stream. The first picks the decoder's limit (the
// default, or a small one so the limit path runs), the next two pick where to split
// the stream in two. Properties, each a trap when broken:
// - the events, last event id, retry and limit flag are the same whether the stream is
//   fed whole, as a non-contiguous collection, split at the chosen point, split in
//   three, or byte by byte;
// - the events are those of a plain reading of the WHATWG rules over the whole input
//   (a prefix of them when the limit stopped the decoder), and so are the last event
//   id and retry when it did not stop.

/// What one way of feeding the stream produced.
private struct Outcome {
    var events: [SSEEvent]
    var lastEventID: String
    var retry: Int?
    var exceededLimit: Bool
}

private func feed<Chunk: Collection<UInt8>>(_ chunks: [Chunk], limit: Int) -> Outcome {
    var decoder = SSEDecoder(limit: limit)
    var events: [SSEEvent] = []
    for chunk in chunks { events += decoder.decode(chunk) }
    return Outcome(
        events: events, lastEventID: decoder.lastEventID, retry: decoder.retry, exceededLimit: decoder.exceededLimit)
}

/// Strict equality: the same Unicode scalars, not merely canonically equivalent text.
private func identical(_ left: String?, _ right: String?) -> Bool {
    switch (left, right) {
    case (nil, nil): true
    case (let left?, let right?): left.unicodeScalars.elementsEqual(right.unicodeScalars)
    default: false
    }
}

private func identical(_ left: SSEEvent, _ right: SSEEvent) -> Bool {
    identical(left.id, right.id) && identical(left.event, right.event) && identical(left.data, right.data)
}

private func identical(_ left: [SSEEvent], _ right: [SSEEvent]) -> Bool {
    left.count == right.count && zip(left, right).allSatisfy { identical($0, $1) }
}

private func identical(_ left: Outcome, _ right: Outcome) -> Bool {
    identical(left.events, right.events) && identical(left.lastEventID, right.lastEventID)
        && left.retry == right.retry && left.exceededLimit == right.exceededLimit
}

/// The WHATWG event-stream interpretation, written for clarity over the whole input:
/// decode as UTF-8, drop a leading BOM, split into lines, and act on each complete one.
private func reference(_ bytes: [UInt8]) -> (events: [SSEEvent], lastEventID: String, retry: Int?) {
    var scalars = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
    if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
    var lines: [[Unicode.Scalar]] = []
    var line: [Unicode.Scalar] = []
    var index = 0
    while index < scalars.count {
        let scalar = scalars[index]
        index += 1
        if scalar == "\r" || scalar == "\n" {
            if scalar == "\r", index < scalars.count, scalars[index] == "\n" { index += 1 }
            lines.append(line)
            line = []
        } else {
            line.append(scalar)
        }
    }  // what is left in `line` never ended: it is dropped

    var events: [SSEEvent] = []
    var data: [Unicode.Scalar] = []
    var eventType: [Unicode.Scalar] = []
    var lastEventID: [Unicode.Scalar] = []
    var retry: Int?
    func text(_ scalars: [Unicode.Scalar]) -> String {
        var string = ""
        string.unicodeScalars.append(contentsOf: scalars)
        return string
    }
    for line in lines {
        if line.isEmpty {
            if !data.isEmpty {
                data.removeLast()
                events.append(
                    SSEEvent(
                        id: lastEventID.isEmpty ? nil : text(lastEventID),
                        event: eventType.isEmpty ? "message" : text(eventType),
                        data: text(data)))
            }
            data = []
            eventType = []
            continue
        }
        if line.first == ":" { continue }
        let colon = line.firstIndex(of: ":") ?? line.count
        let name = line[..<colon]
        var value = colon < line.count ? Array(line[(colon + 1)...]) : []
        if value.first == " " { value.removeFirst() }
        if name.elementsEqual("data".unicodeScalars) {
            data += value + ["\n"]
        } else if name.elementsEqual("event".unicodeScalars) {
            eventType = value
        } else if name.elementsEqual("id".unicodeScalars) {
            if !value.contains("\u{0}") { lastEventID = value }
        } else if name.elementsEqual("retry".unicodeScalars), !value.isEmpty,
            value.allSatisfy({ $0.value >= 0x30 && $0.value <= 0x39 })
        {
            var number = 0
            var overflowed = false
            for digit in value {
                let (times10, overflow1) = number.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(Int(digit.value - 0x30))
                overflowed = overflowed || overflow1 || overflow2
                number = sum
            }
            if !overflowed { retry = number }
        }
    }
    return (events, text(lastEventID), retry)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func sseDecoderFuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count >= 3 else { return 0 }
    let input = UnsafeBufferPointer(start: start, count: count)
    let limitByte = Int(input[0])
    let limit = limitByte < 0x80 ? SSEDecoder.defaultLimit : limitByte & 0x3F
    let stream = Array(input[3...])
    let cut = (Int(input[1]) << 8 | Int(input[2])) % (stream.count + 1)

    let whole = feed([stream[...]], limit: limit)
    let lazy = feed([stream.lazy.map { $0 }], limit: limit)
    precondition(identical(whole, lazy), "a non-contiguous collection decoded differently")
    let split = feed([stream[..<cut], stream[cut...]], limit: limit)
    precondition(identical(whole, split), "splitting at \(cut) changed the outcome")
    let third = stream.count / 3
    let three = feed([stream[..<third], stream[third..<(2 * third)], stream[(2 * third)...]], limit: limit)
    precondition(identical(whole, three), "splitting in three changed the outcome")
    let bytewise = feed(stream.indices.map { stream[$0...$0] }, limit: limit)
    precondition(identical(whole, bytewise), "feeding byte by byte changed the outcome")

    let expected = reference(stream)
    if whole.exceededLimit {
        precondition(
            whole.events.count <= expected.events.count
                && identical(whole.events, Array(expected.events.prefix(whole.events.count))),
            "events before the limit differ from the WHATWG reading")
    } else {
        precondition(identical(whole.events, expected.events), "events differ from the WHATWG reading")
        precondition(
            identical(whole.lastEventID, expected.lastEventID), "last event id differs from the WHATWG reading")
        precondition(whole.retry == expected.retry, "retry differs from the WHATWG reading")
    }
    return 0
}
