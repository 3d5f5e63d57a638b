import AishKit
import Testing

/// What a decoder produced from a whole input.
private struct Outcome: Equatable, CustomStringConvertible {
    var events: [SSEEvent]
    var lastEventID: String
    var retry: Int?

    var description: String { "\(events) lastEventID=\(lastEventID) retry=\(String(describing: retry))" }
}

private func decode(_ chunks: [ArraySlice<UInt8>]) -> Outcome {
    var decoder = SSEDecoder()
    var events: [SSEEvent] = []
    for chunk in chunks { events += decoder.decode(chunk) }
    return Outcome(events: events, lastEventID: decoder.lastEventID, retry: decoder.retry)
}

/// Decodes `input` whole, split in two at every position, split in three at every
/// pair of positions (short inputs), and byte by byte; every way must give `expected`.
private func expectEverySplit(
    _ input: [UInt8],
    _ expected: [SSEEvent],
    lastEventID: String = "",
    retry: Int? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let want = Outcome(events: expected, lastEventID: lastEventID, retry: retry)
    let whole = decode([input[...]])
    #expect(whole == want, "unsplit", sourceLocation: sourceLocation)
    for cut in 0...input.count {
        let got = decode([input[..<cut], input[cut...]])
        if got != want {
            Issue.record("split at \(cut): \(got)", sourceLocation: sourceLocation)
            return
        }
    }
    if input.count <= 64 {
        for first in 0...input.count {
            for second in first...input.count {
                let got = decode([input[..<first], input[first..<second], input[second...]])
                if got != want {
                    Issue.record("split at \(first), \(second): \(got)", sourceLocation: sourceLocation)
                    return
                }
            }
        }
    }
    let bytewise = decode(input.indices.map { input[$0...$0] })
    #expect(bytewise == want, "byte by byte", sourceLocation: sourceLocation)
}

private func expectEverySplit(
    _ text: String,
    _ expected: [SSEEvent],
    lastEventID: String = "",
    retry: Int? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    expectEverySplit(Array(text.utf8), expected, lastEventID: lastEventID, retry: retry, sourceLocation: sourceLocation)
}

@Suite("SSEDecoder")
struct SSEDecoderTests {
    @Test func lineFeeds() {
        expectEverySplit("data: hello\n\ndata: world\n\n", [SSEEvent(data: "hello"), SSEEvent(data: "world")])
    }

    @Test func carriageReturns() {
        expectEverySplit("data: a\r\rdata: b\r\r", [SSEEvent(data: "a"), SSEEvent(data: "b")])
    }

    @Test func crlf() {
        expectEverySplit("data: a\r\n\r\ndata: b\r\n\r\n", [SSEEvent(data: "a"), SSEEvent(data: "b")])
    }

    @Test func mixedLineEnds() {
        // CR LF is one line end; LF CR is two.
        expectEverySplit(
            "data: a\r\ndata: b\rdata: c\n\r\ndata: d\n\r", [SSEEvent(data: "a\nb\nc"), SSEEvent(data: "d")])
    }

    @Test func multiLineData() {
        expectEverySplit(
            "data: line1\ndata: line2\ndata:\ndata:  two spaces\ndata:no space\n\n",
            [SSEEvent(data: "line1\nline2\n\n two spaces\nno space")]
        )
    }

    /// A data line is handed over from the chunk it came in when its event ends there;
    /// other fields, comments and a second data line between it and the blank line
    /// must change nothing of what the event carries.
    @Test func aDataLineFollowedByOtherLinesBeforeItsEventEnds() {
        expectEverySplit(
            "data: a\nid: 7\nevent: x\n\ndata: b\n: note\ndata: c\nretry: 9\n\ndata: d\n\n",
            [SSEEvent(id: "7", event: "x", data: "a"), SSEEvent(id: "7", data: "b\nc"), SSEEvent(id: "7", data: "d")],
            lastEventID: "7", retry: 9
        )
    }

    @Test func comments() {
        expectEverySplit(
            ": keep-alive\n\n:\ndata: x\n: inside an event\n\n: trailing\n",
            [SSEEvent(data: "x")]
        )
    }

    @Test func retry() {
        expectEverySplit(
            "retry: 5000\ndata: a\n\nretry: 12x\n\nretry:\n\nretry: -1\n\n", [SSEEvent(data: "a")], retry: 5000)
        expectEverySplit("retry:300\n\nretry: 99999999999999999999999\n\n", [], retry: 300)
    }

    @Test func ids() {
        expectEverySplit(
            "id: 1\ndata: a\n\ndata: b\n\nid\ndata: c\n\nid: 2\u{0}3\ndata: d\n\nid: 7\n\n",
            [
                SSEEvent(id: "1", data: "a"),
                SSEEvent(id: "1", data: "b"),  // the id stays in force
                SSEEvent(id: nil, data: "c"),  // `id` alone resets it
                SSEEvent(id: nil, data: "d"),  // an id with NUL is ignored
            ],
            lastEventID: "7"  // set even by an event that is not dispatched
        )
    }

    @Test func eventNames() {
        expectEverySplit(
            "event: start\ndata: {}\n\nevent:\ndata: x\n\nevent: lost\n\ndata: y\n\n",
            [SSEEvent(event: "start", data: "{}"), SSEEvent(data: "x"), SSEEvent(data: "y")]
        )
    }

    @Test func fieldsWithoutColonAndUnknownFields() {
        // `data` alone appends an empty line: the event is dispatched with empty data.
        expectEverySplit(
            "data\n\nfoo: bar\ndata : not data\ndata: kept\n\n",
            [SSEEvent(data: ""), SSEEvent(data: "kept")]
        )
    }

    @Test func eventsWithoutDataAreNotDispatched() {
        expectEverySplit("\n\n\nevent: ping\n\nid: 3\n\n", [], lastEventID: "3")
    }

    @Test func byteOrderMarkOnlyAtStart() {
        expectEverySplit("\u{FEFF}data: a\n\n\u{FEFF}data: b\n\n", [SSEEvent(data: "a")])
        expectEverySplit([0xEF, 0xBB, 0x0A] + Array("data: c\n\n".utf8), [SSEEvent(data: "c")])
        expectEverySplit([0xEF] + Array("\ndata: d\n\n".utf8), [SSEEvent(data: "d")])
    }

    @Test func multiByteCharactersSplitAnywhere() {
        expectEverySplit(
            "id: é\ndata: naïve café 日本語 🚀\n\n",
            [SSEEvent(id: "é", data: "naïve café 日本語 🚀")],
            lastEventID: "é"
        )
    }

    @Test func invalidUTF8IsRepaired() {
        expectEverySplit([0x64, 0x61, 0x74, 0x61, 0x3A, 0x20, 0xFF, 0x41, 0x0A, 0x0A], [SSEEvent(data: "\u{FFFD}A")])
    }

    @Test func incompleteTrailingEventIsNotDispatched() {
        expectEverySplit("data: a\n\ndata: b\n", [SSEEvent(data: "a")])
        expectEverySplit("data: a\n\ndata: b", [SSEEvent(data: "a")])
    }

    @Test func tektonV2Stream() {
        let stream = """
            id: 0\r
            event: start\r
            data: {"type":"start","request_id":"req_7f3a"}\r
            \r
            : keep-alive\r
            \r
            id: 1\r
            data: {"type":"content","data":"Hi"}\r
            \r

            """
        expectEverySplit(
            stream,
            [
                SSEEvent(id: "0", event: "start", data: #"{"type":"start","request_id":"req_7f3a"}"#),
                SSEEvent(id: "1", data: #"{"type":"content","data":"Hi"}"#),
            ],
            lastEventID: "1"
        )
    }

    @Test func nonContiguousCollections() {
        var decoder = SSEDecoder()
        let events = decoder.decode(Array("data: lazy\n\n".utf8).lazy.map { $0 })
        #expect(events == [SSEEvent(data: "lazy")])
    }

    @Test func lineLimit() {
        var decoder = SSEDecoder(limit: 24)
        #expect(decoder.decode(Array("data: short\n\ndata: 0123456789abcdef".utf8)) == [SSEEvent(data: "short")])
        #expect(!decoder.exceededLimit)
        #expect(decoder.decode(Array("0123\n\n".utf8)).isEmpty)
        #expect(decoder.exceededLimit)
        #expect(decoder.decode(Array("data: more\n\n".utf8)).isEmpty)
    }

    @Test func eventDataLimit() {
        var decoder = SSEDecoder(limit: 16)
        #expect(decoder.decode(Array("data: 0123456789\ndata: 0123456789\n\n".utf8)).isEmpty)
        #expect(decoder.exceededLimit)
    }

    @Test func twentyThousandEventsDecodeQuickly() {
        var stream: [UInt8] = []
        for index in 0..<20_000 {
            stream += Array(
                "id: \(index)\nevent: content\ndata: {\"type\":\"content\",\"data\":\"tok \",\"specialist_id\":\"apollo\"}\n\n"
                    .utf8
            )
        }
        let clock = ContinuousClock()
        var count = 0
        let elapsed = clock.measure {
            var decoder = SSEDecoder()
            var offset = 0
            while offset < stream.count {
                let end = min(offset + 16_384, stream.count)
                count += decoder.decode(stream[offset..<end]).count
                offset = end
            }
        }
        #expect(count == 20_000)
        // A few ms in release; debug builds are far slower, so this bound is loose.
        #expect(elapsed < .seconds(2), "decoding \(stream.count) bytes took \(elapsed)")
    }
}
