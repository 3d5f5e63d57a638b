import Testing

@testable import AishKit

/// A v2 stream's events read from the decoder's bytes (``V2EventList``, what the SSE
/// transport uses) are what reading each ``SSEEvent`` gives, errors included.
@Suite struct V2EventListTests {
    /// Events of every kind, the unusual ones too: escapes, an escaped key, a repeated
    /// `data`, an unnamed event, malformed and truncated JSON, invalid UTF-8.
    static let streams: [String] = [
        "id: 0\nevent: start\ndata: {\"type\":\"start\",\"specialist_id\":\"apollo\",\"request_id\":\"req_1\"}\n\n",
        "id: 1\nevent: content\ndata: {\"type\":\"content\",\"data\":\" plain\",\"specialist_id\":\"apollo\"}\n\n",
        "event: content\ndata: {\"type\":\"content\",\"data\":\"line\\nbreak \\\"quoted\\\" \\u00e9\"}\n\n",
        "event: content\ndata: {\"d\\u0061ta\":\"escaped key\",\"data\":\"last\"}\n\n",
        "event: content\ndata: {\"data\":\"first\",\"data\":\"second\"}\n\n",
        "data: {\"type\":\"content\",\"data\":\"unnamed\"}\n\n",
        "event: content\ndata: {\"type\":\"content\",\"data\":\"split\"\ndata: }\n\n",
        "event: content\ndata: not json\n\n",
        "event: content\ndata: {\"data\":\"unterminated\n\n",
        "event: content\ndata: {\"data\":\"x\"} trailing\n\n",
        "event: content\ndata: {\"data\":\"\u{E9}\"}\n\n",
        "event: content\ndata: {\"data\":12}\n\n",
        "event: error\ndata: {\"type\":\"error\",\"recoverable\":true,\"code\":\"UPSTREAM_SLOW\",\"message\":\"slow\"}\n\n",
        "event: done\ndata: {\"type\":\"done\",\"tokens_used\":3,\"finish_reason\":\"stop\"}\n\n",
        "event: mystery\ndata: {}\n\n",
        "data: {}\n\n",
    ]

    @Test(arguments: streams) func readingTheBytesAgreesWithReadingTheEvent(_ stream: String) {
        var bytes = Array(stream.utf8)
        if stream.contains("\u{E9}\"}") { bytes[bytes.count - 5] = 0xC3 }  // a lone lead byte: invalid UTF-8
        var whole = SSEDecoder()
        let events = whole.decode(bytes)
        var lent = SSEDecoder()
        var batch = V2EventList()
        lent.decode(bytes, into: &batch)
        #expect(batch.items.count == events.count)
        for (item, event) in zip(batch.items, events) {
            #expect(item.id == event.id)
            let expected = Result { () throws(WireFormatError) in try V2StreamEvent(event) }
            #expect(item.event == expected, "\(stream)")
        }
    }

    /// What may stand where a `content` event's text was in the event before it.
    static let middles: [String] = [
        #""second""#, #""""#, #""a\nb \"q\" \u00e9""#, "null", "12", #""a","data":"b""#, #" "spaced" "#,
        #""tab"# + "\t" + #"here""#, #""unterminated"#, #""bad \q""#, #""a"} {"data":"b""#,
    ]

    /// A `content` event read by the template of the one before it (same bytes but the
    /// text) is what reading it in full gives; anything else is read in full.
    @Test(arguments: middles) func eventsDifferingOnlyInTheirTextAreReadAsInFull(_ middle: String) {
        let event = { (data: String) in
            "event: content\ndata: {\"type\":\"content\",\"data\":\(data),\"specialist_id\":\"apollo\"}\n\n"
        }
        let stream = event(#""first""#) + event(middle) + event(#""third""#) + event(#""fourth""#)
        let bytes = Array(stream.utf8)
        var whole = SSEDecoder()
        let events = whole.decode(bytes)
        var lent = SSEDecoder()
        var batch = V2EventList()
        lent.decode(bytes, into: &batch)
        #expect(batch.items.count == 4)
        for (item, event) in zip(batch.items, events) {
            let expected = Result { () throws(WireFormatError) in try V2StreamEvent(event) }
            #expect(item.event == expected, "\(middle)")
        }
        #expect(batch.items.last?.event == .success(.content("fourth")))
    }

    @Test func anEventThatCannotBeReadStaysInItsPlace() {
        var decoder = SSEDecoder()
        var batch = V2EventList()
        let stream =
            "id: 1\nevent: content\ndata: {\"data\":\"kept\"}\n\n"
            + "id: 2\nevent: content\ndata: broken\n\n"
            + "id: 3\nevent: content\ndata: {\"data\":\"after\"}\n\n"
        decoder.decode(Array(stream.utf8), into: &batch)
        #expect(batch.items.map(\.id) == ["1", "2", "3"])
        #expect(batch.items[0].event == .success(.content("kept")))
        #expect((try? batch.items[1].event.get()) == nil)
        #expect(batch.items[2].event == .success(.content("after")))
    }
}
